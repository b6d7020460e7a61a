/** Which refusals are remembered: only those the token itself causes, never Teams' own token refused for a moment. */
import { describe, expect, it } from 'vitest';
import { createRejectedTokens } from '../../src/http/rejected-tokens.js';

describe('remembered token refusals', () => {
  it.each(['invalid signature', 'jwt malformed', 'The token has expired', 'Unauthorized. Invalid AppId passed on token: x', 'jwt issuer invalid', 'Unauthorized. No valid identity.'])('remembers a token refused for "%s"', (reason) => {
    const tokens = createRejectedTokens();
    tokens.remember('Bearer a.b.c', reason);
    expect(tokens.has('Bearer a.b.c')).toBe(true);
    expect(tokens.has('Bearer a.b.d')).toBe(false);
  });

  it.each([
    'Signing Key could not be retrieved.', // keys rotated since the last refresh
    'Unauthorized. ServiceUrl claim do not match.', // the activity's, not the token's
    'Could not validate endorsement for key: k with endorsements: msteams', // per channel
    'jwt not active', // clock skew
  ])('does not remember a token refused for "%s": it may be valid a moment later', (reason) => {
    const tokens = createRejectedTokens();
    tokens.remember('Bearer a.b.c', reason);
    expect(tokens.has('Bearer a.b.c')).toBe(false);
  });

  it('forgets after ten minutes, and keeps at most 10,000', () => {
    let now = 0;
    const tokens = createRejectedTokens(() => now);
    for (let i = 0; i < 10_050; i++) tokens.remember(`Bearer ${i}.b.c`, 'invalid signature');
    expect(tokens.size).toBe(10_000);
    expect(tokens.has('Bearer 0.b.c')).toBe(false);
    expect(tokens.has('Bearer 10049.b.c')).toBe(true);
    now = 10 * 60_000 + 1;
    expect(tokens.has('Bearer 10049.b.c')).toBe(false);
  });
});
