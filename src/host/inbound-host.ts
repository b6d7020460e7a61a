/**
 * What the HTTP edge needs of the bot's host, with nothing of the SDK in it: a channel token checked
 * from the headers, then an activity authenticated and its turn run. src/host/inbound.ts implements
 * it over the Bot Framework SDK; the edge answers with what it is told.
 */

/** A request the host will not serve: its token was refused (401), or cannot be checked right now (503). */
export interface Refusal {
  refused: 'unauthorized' | 'unavailable';
  /** Why, for the log (at most 200 characters). */
  reason: string;
}

/** An activity as the edge validated it (src/http/inbound-activity.ts); its fields are checked again per turn. */
export interface WireActivity {
  type: string;
  serviceUrl: string;
  [field: string]: unknown;
}

/** An authenticated activity, ready to run. */
export interface AuthenticatedTurn {
  /** Runs the turn: an invoke's answer is its status and body, any other activity's is 200 without a body. */
  run(): Promise<{ status: number; body?: unknown }>;
}

export interface InboundHost {
  /** The token checked from the headers alone (signature, issuer, audience, expiry, channel), before any body is read. */
  verifyToken(authHeader: string): Promise<Refusal | undefined>;
  /** The full check of the token with the activity it came with (its service URL among the claims). */
  authenticate(authHeader: string, activity: WireActivity): Promise<AuthenticatedTurn | Refusal>;
}

export function isRefusal(outcome: AuthenticatedTurn | Refusal | undefined): outcome is Refusal {
  return outcome !== undefined && 'refused' in outcome;
}
