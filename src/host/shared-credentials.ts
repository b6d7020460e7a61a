/**
 * Outbound credentials, built once and shared. The SDK's connector factory asks its credentials
 * factory for a new credentials object at every connector client it builds (every turn, every
 * proactive send), and each MicrosoftAppCredentials builds its own MSAL client on first use. With
 * this factory in front there is one credentials object per (app id, audience, login endpoint), so one
 * MSAL client, and its token is fetched once, shared by every concurrent caller while the request is
 * in flight, and refreshed in the background before it expires, so no send waits for a token after
 * the first.
 */
import { ServiceClientCredentialsFactory, type ServiceClientCredentials } from 'botframework-connector';
import { keptClients } from './kept-clients.js';

/** A token is renewed in the background once less than this is left of it. */
export const REFRESH_BEFORE_EXPIRY_MS = 10 * 60_000;
/** Less than this left and a caller waits for a new token instead of using the old one. */
const EXPIRY_MARGIN_MS = 60_000;
/** A token whose expiry cannot be read (not a JWT) is used this long. */
const UNKNOWN_EXPIRY_LIFETIME_MS = 5 * 60_000;
/** Distinct (app id, audience, endpoint) triples kept; a bot has one or two. */
const CREDENTIALS_KEPT = 32;

interface TokenSource {
  getToken(forceRefresh?: boolean): Promise<string>;
}

function hasTokenSource(credentials: ServiceClientCredentials): credentials is ServiceClientCredentials & TokenSource & { appId?: string | null } {
  return typeof (credentials as Partial<TokenSource>).getToken === 'function';
}

/** The `exp` claim of a JWT, in ms; undefined for anything else. */
export function tokenExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces `credentials.getToken` (which AppCredentials.signRequest calls for every request) with one
 * that shares: a valid token is returned at once, a token close to its expiry is renewed in the
 * background (one request), and callers that need a new one all wait for the same request.
 */
export function shareTokenRequests(credentials: TokenSource, now: () => number = Date.now): void {
  const fetchToken = credentials.getToken.bind(credentials);
  let current: { token: string; refreshAt: number; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const refresh = (): Promise<string> => {
    pending ??= fetchToken(true)
      .then((token) => {
        const expiresAt = tokenExpiryMs(token) ?? now() + UNKNOWN_EXPIRY_LIFETIME_MS;
        current = { token, expiresAt, refreshAt: expiresAt - REFRESH_BEFORE_EXPIRY_MS };
        return token;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  credentials.getToken = (forceRefresh = false) => {
    const at = now();
    if (!forceRefresh && current && at < current.expiresAt - EXPIRY_MARGIN_MS) {
      // A failed background renewal is retried by the next caller; the token in hand is still good.
      if (at >= current.refreshAt && !pending) refresh().catch(() => {});
      return Promise.resolve(current.token);
    }
    return refresh();
  };
}

/** A ServiceClientCredentialsFactory that builds each credentials object once and shares its tokens. */
export class SharedCredentialsFactory extends ServiceClientCredentialsFactory {
  // An invalid app id fails its build, which is then forgotten: asked again, not remembered.
  private readonly credentials = keptClients<ServiceClientCredentials>(CREDENTIALS_KEPT);

  constructor(
    private readonly inner: ServiceClientCredentialsFactory,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  isValidAppId(appId: string): Promise<boolean> {
    return this.inner.isValidAppId(appId);
  }

  isAuthenticationDisabled(): Promise<boolean> {
    return this.inner.isAuthenticationDisabled();
  }

  createCredentials(appId: string, audience: string | undefined, loginEndpoint: string, validateAuthority: boolean): Promise<ServiceClientCredentials> {
    const key = JSON.stringify([appId, audience ?? null, loginEndpoint, validateAuthority]);
    return this.credentials(key, () =>
      this.inner.createCredentials(appId, audience, loginEndpoint, validateAuthority).then((credentials) => {
        // Authentication off gives the SDK's shared empty credentials, which never ask for a token.
        if (hasTokenSource(credentials) && credentials.appId) shareTokenRequests(credentials, this.now);
        return credentials;
      }),
    );
  }
}
