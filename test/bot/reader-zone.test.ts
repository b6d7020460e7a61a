/** The reader's time zone, as Teams sends it. */
import { describe, expect, it } from 'vitest';
import { readerTimeZone } from '../../src/bot/turn.js';

describe('the reader zone Teams sends', () => {
  const clientInfo = { type: 'clientInfo', locale: 'de-DE', timezone: 'Europe/Berlin' };

  it('reads localTimezone first, then the clientInfo entity', () => {
    expect(readerTimeZone({ localTimezone: 'Asia/Tokyo', entities: [clientInfo] })).toBe('Asia/Tokyo');
    expect(readerTimeZone({ entities: [{ type: 'mention' }, clientInfo] })).toBe('Europe/Berlin');
    expect(readerTimeZone({ localTimezone: '', entities: [clientInfo] })).toBe('Europe/Berlin');
  });

  it('ignores what is not a known zone, and finds nothing in activities without one', () => {
    expect(readerTimeZone({ localTimezone: 'Mars/Olympus', entities: [clientInfo] })).toBe('Europe/Berlin');
    expect(readerTimeZone({ type: 'message' })).toBeUndefined();
    expect(readerTimeZone({ entities: [{ type: 'clientInfo', locale: 'en-US' }] })).toBeUndefined();
    expect(readerTimeZone({ localTimezone: 42 as unknown as string })).toBeUndefined();
  });

  it('reads entities of any shape a client sends without failing the turn', () => {
    for (const entities of [{}, [null], [42, 'clientInfo'], 'clientInfo', [{ type: 'clientInfo', timezone: { zone: 'Europe/Berlin' } }]]) {
      expect(readerTimeZone({ entities })).toBeUndefined();
    }
    expect(readerTimeZone({ entities: [null, clientInfo] })).toBe('Europe/Berlin');
  });
});
