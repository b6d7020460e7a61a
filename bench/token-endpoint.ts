/**
 * A local Microsoft Entra stand-in for the fan-out with authentication on: the OpenID metadata and
 * the client-credentials token endpoint of https://login.microsoftonline.com/botframework.com, served
 * over https from a loopback address with a self-signed certificate made by `openssl` for the run.
 *
 * The SDK's MSAL client only trusts its own cloud hosts without an instance-discovery call (which
 * needs the internet), so the bot keeps its real login URL and this process resolves
 * login.microsoftonline.com to the local server (dns.lookup) and trusts the certificate on the global
 * https agent MSAL uses: the same as NODE_EXTRA_CA_CERTS plus a hosts entry, scoped to this process.
 * Port 443 is needed (the URL has no port): the server takes 127.0.0.3:443 (root, Linux).
 */
import { execFileSync } from 'node:child_process';
import dns from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LOGIN_HOST = 'login.microsoftonline.com';
const ADDRESS = '127.0.0.3';

export interface TokenEndpoint {
  /** Client-credentials token requests answered since start (or reset). */
  tokenRequests: number;
  /** OpenID metadata requests (MSAL asks once per client application). */
  metadataRequests: number;
  reset(): void;
  close(): Promise<void>;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startTokenEndpoint(lifetimeSeconds = 3600): Promise<TokenEndpoint> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-login-'));
  let key: Buffer;
  let cert: Buffer;
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', `/CN=${LOGIN_HOST}`, '-addext', `subjectAltName=DNS:${LOGIN_HOST}`],
      { stdio: 'ignore' },
    );
    key = readFileSync(join(dir, 'key.pem'));
    cert = readFileSync(join(dir, 'cert.pem'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const endpoint: TokenEndpoint = {
    tokenRequests: 0,
    metadataRequests: 0,
    reset() {
      endpoint.tokenRequests = 0;
      endpoint.metadataRequests = 0;
    },
    close: async () => {
      dns.lookup = originalLookup;
      https.globalAgent.options.ca = originalCa;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = https.createServer({ key, cert }, (req, res) => {
    req.resume();
    req.on('end', () => {
      const url = req.url ?? '';
      const tenant = url.split('/')[1] ?? 'botframework.com';
      const base = `https://${LOGIN_HOST}/${tenant}`;
      let body: unknown;
      if (url.includes('/.well-known/openid-configuration')) {
        endpoint.metadataRequests++;
        body = {
          token_endpoint: `${base}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          issuer: `https://${LOGIN_HOST}/${tenant}/v2.0`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'token'],
        };
      } else if (req.method === 'POST' && url.includes('/oauth2/v2.0/token')) {
        endpoint.tokenRequests++;
        const now = Math.floor(Date.now() / 1000);
        const accessToken = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ aud: 'https://api.botframework.com', iat: now, exp: now + lifetimeSeconds, n: endpoint.tokenRequests })}.bench`;
        body = { token_type: 'Bearer', expires_in: lifetimeSeconds, ext_expires_in: lifetimeSeconds, access_token: accessToken };
      } else {
        res.writeHead(404).end();
        return;
      }
      const text = JSON.stringify(body);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(443, ADDRESS, resolve);
  });

  const originalLookup = dns.lookup;
  const originalCa = https.globalAgent.options.ca;
  const lookup = (hostname: string, options: unknown, callback?: unknown) => {
    const done = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
    const opts = (typeof options === 'object' && options !== null ? options : {}) as { all?: boolean };
    if (hostname !== LOGIN_HOST) return (originalLookup as (...args: unknown[]) => void)(hostname, options, callback);
    process.nextTick(() => (opts.all ? done(null, [{ address: ADDRESS, family: 4 }]) : done(null, ADDRESS, 4)));
  };
  dns.lookup = lookup as typeof dns.lookup;
  https.globalAgent.options.ca = cert;
  return endpoint;
}
