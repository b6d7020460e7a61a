/**
 * Response headers a browser or calendar app acts on, through the real server: the HTML pages the
 * manifest links to cannot run or load anything, be framed or leak their address onwards, and
 * calendar files (whose URL is a secret) are never kept by shared caches nor sent on as a referrer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string> {
  const entries = (header ?? '').split(';').map((part) => part.trim()).filter(Boolean);
  return new Map(entries.map((entry) => [entry.split(/\s+/)[0]!, entry.split(/\s+/).slice(1).join(' ')]));
}

describe('the privacy and terms pages', () => {
  for (const path of ['/privacy', '/terms']) {
    it(`${path} forbids scripts, plugins, framing and sniffing, and sends no referrer`, async () => {
      const response = await fetch(`${t.app.url}${path}`);
      expect(response.status).toBe(200);
      const csp = directives(response.headers.get('content-security-policy'));
      // Nothing may load: no script, style sheet, image, font, frame or connection.
      expect(csp.get('default-src')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('base-uri')).toBe("'none'");
      expect(csp.get('form-action')).toBe("'none'");
      expect([...csp.keys()].filter((name) => name.startsWith('script'))).toEqual([]);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      // The page still needs nothing the policy forbids: no <script>, <style>, <link> or inline style.
      expect(await response.text()).not.toMatch(/<script|<style|<link|<img|<iframe| style=/i);
    });
  }
});

describe('calendar files', () => {
  it('are private to the one who fetched them and send no referrer, found or not', async () => {
    const paths = ['/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/renewal.ics', '/calendar/calls/2016-01-13-small-midmarket-cloud-solutions.ics', '/calendar/calls/nothing.ics'];
    for (const path of paths) {
      const response = await fetch(`${t.app.url}${path}`);
      await response.arrayBuffer();
      expect([path, response.headers.get('cache-control')]).toEqual([path, expect.stringMatching(/^private\b/)]);
      expect([path, response.headers.get('referrer-policy')]).toEqual([path, 'no-referrer']);
      expect([path, response.headers.get('x-content-type-options')]).toEqual([path, 'nosniff']);
    }
  });
});
