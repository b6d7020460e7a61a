/**
 * A local stand-in for the Bot Framework's token authority: an OpenID metadata document and key
 * set served over HTTP, and RS256 tokens signed with its keys (or, for the attacks, with others).
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function makeSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT as the Bot Framework channel would send it, signed with `key` (RS256). */
export function signToken(claims: Record<string, unknown>, key: SigningKey, header: Record<string, unknown> = {}): string {
  const head = base64url({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header });
  const body = base64url(claims);
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key.privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

export interface TokenAuthority {
  metadataUrl: string;
  /** Endorsed for msteams, as the Bot Framework's own keys are. */
  key: SigningKey;
  /** A genuine key of the authority, endorsed for another channel only (webchat). */
  otherChannelKey: SigningKey;
  /** Requests for the metadata or keys: proves validation happened against this authority. */
  requests: number;
  /** How it answers: normally, with 500s, or never (the request hangs until close). */
  mode: 'ok' | 'failing' | 'hanging';
  close(): Promise<void>;
}

/** The settings that point the SDK's validation at a local authority (all overrides, as the SDK needs). */
export function authenticatedEnv(authority: TokenAuthority, appId: string): Record<string, string> {
  return {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: 'test-secret-not-used-for-inbound',
    MicrosoftAppType: 'MultiTenant',
    ToBotFromChannelOpenIdMetadataUrl: authority.metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: authority.metadataUrl,
    ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
  };
}

/** Claims of a valid channel token for `appId` whose replies go to `serviceUrl`. */
export function channelClaims(appId: string, serviceUrl: string): Record<string, unknown> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: nowSeconds - 60, exp: nowSeconds + 3600 };
}

export async function startTokenAuthority(): Promise<TokenAuthority> {
  const key = makeSigningKey('test-key-1');
  const otherChannelKey = makeSigningKey('test-key-webchat');
  let origin = '';
  const authority: TokenAuthority = { metadataUrl: '', key, otherChannelKey, requests: 0, mode: 'ok', close: async () => {} };
  const server = createServer((req, res) => {
    authority.requests++;
    if (authority.mode === 'hanging') return;
    if (authority.mode === 'failing') {
      res.statusCode = 500;
      res.end('{}');
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${origin}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      const published = (signing: SigningKey, endorsements: string[]) => ({ ...signing.publicKey.export({ format: 'jwk' }), kid: signing.kid, kty: 'RSA', use: 'sig', alg: 'RS256', endorsements });
      res.end(JSON.stringify({ keys: [published(key, ['msteams', 'skype']), published(otherChannelKey, ['webchat'])] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  authority.metadataUrl = `${origin}/.well-known/openidconfiguration`;
  authority.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return authority;
}
