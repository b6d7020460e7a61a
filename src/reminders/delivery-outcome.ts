/**
 * How a failed send is handled, decided from the Bot Connector's answer: Teams' throttling (429)
 * waits as told, transient failures retry a few times, a bot that left the conversation stops it.
 */
import { UntrustedServiceUrlError } from '../bot/service-url-allowlist.js';

export type DeliveryFailure =
  | { kind: 'throttled'; status: 429; retryAfterMs?: number }
  | { kind: 'transient'; status?: number; reason: string }
  | { kind: 'gone'; status: 403 | 404 }
  | { kind: 'rejected'; status: number; reason: string }
  /** Not sent: the target's service URL is outside SERVICE_URL_ALLOWLIST. */
  | { kind: 'untrusted'; reason: string };

/** Classifies an error thrown by a send (a botframework RestError, a timeout, a network error). */
export function classifyDeliveryError(error: unknown): DeliveryFailure {
  if (error instanceof UntrustedServiceUrlError) return { kind: 'untrusted', reason: error.message };
  const status = statusOf(error);
  if (status === 429) return { kind: 'throttled', status, retryAfterMs: retryAfterOf(error) };
  if (status === 403 || status === 404) return { kind: 'gone', status };
  if (status === undefined || status === 412 || status === 408 || status >= 500 || status === 401) {
    // 401: our token was refused; an operator can fix the credentials, so keep the reminder.
    return { kind: 'transient', status, reason: status ? `HTTP ${status}` : messageOf(error) };
  }
  return { kind: 'rejected', status, reason: `HTTP ${status}` };
}

function statusOf(error: unknown): number | undefined {
  const candidate = (error as { statusCode?: unknown; status?: unknown } | null) ?? {};
  const status = candidate.statusCode ?? candidate.status;
  return typeof status === 'number' ? status : undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } }).response?.headers;
  const value = headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
}

/** Exponential backoff with full jitter: a random wait up to base·2^attempt, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}
