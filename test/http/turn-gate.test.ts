/**
 * The turn gate: turns start in arrival order up to the limit, the rest wait or are refused, and
 * the limit follows the event loop's lag.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTurnGate, nextTurnLimit } from '../../src/http/turn-gate.js';

const settings = { min: 4, max: 128, targetLagMs: 40, targetLagWhileConnectingMs: 10 };

describe('createTurnGate', () => {
  it('starts turns up to the limit, then in arrival order as running ones leave', async () => {
    const gate = createTurnGate({ limit: 2, maxWaiting: 10 });
    const started: string[] = [];
    const enter = (name: string) => gate.enter().then((admitted) => admitted && started.push(name));
    await Promise.all([enter('a'), enter('b')]);
    const waiting = [enter('c'), enter('d'), enter('e')];
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect(gate.waiting).toBe(3);

    gate.leave();
    await waiting[0];
    expect(started).toEqual(['a', 'b', 'c']);
    gate.leave();
    gate.leave();
    await Promise.all(waiting);
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(gate.running).toBe(2);
  });

  it('refuses a turn when the waiting line is full, without disturbing the others', async () => {
    const gate = createTurnGate({ limit: 1, maxWaiting: 1 });
    expect(await gate.enter()).toBe(true);
    const second = gate.enter();
    expect(await gate.enter()).toBe(false);
    gate.leave();
    expect(await second).toBe(true);
    expect(gate.running).toBe(1);
    expect(gate.waiting).toBe(0);
  });

  it('starts waiting turns at once when the limit rises, and lets running ones finish when it falls', async () => {
    const gate = createTurnGate({ limit: 1, maxWaiting: 10 });
    await gate.enter();
    const waiting = [gate.enter(), gate.enter()];
    gate.setLimit(3);
    expect(await Promise.all(waiting)).toEqual([true, true]);
    expect(gate.running).toBe(3);

    gate.setLimit(1);
    const next = gate.enter();
    let admitted = false;
    void next.then(() => (admitted = true));
    gate.leave();
    gate.leave();
    await Promise.resolve();
    expect(admitted).toBe(false); // still one running: the limit is 1
    gate.leave();
    await next;
    expect(gate.running).toBe(1);
  });
});

describe('nextTurnLimit', () => {
  const limit = fc.integer({ min: settings.min, max: settings.max });
  const lag = fc.double({ min: 0, max: 5_000, noNaN: true });

  it('stays within its bounds', () => {
    fc.assert(fc.property(limit, lag, fc.boolean(), (current, lagMs, turnsWaiting) => {
      const next = nextTurnLimit(current, { lagMs, turnsWaiting, connectionsArriving: false }, settings);
      expect(next).toBeGreaterThanOrEqual(settings.min);
      expect(next).toBeLessThanOrEqual(settings.max);
      expect(Number.isInteger(next)).toBe(true);
    }));
  });

  it('never admits more while the loop lags, and lowers the limit until it reaches the minimum', () => {
    fc.assert(fc.property(limit, fc.double({ min: 40.001, max: 5_000, noNaN: true }), fc.boolean(), (current, lagMs, turnsWaiting) => {
      const next = nextTurnLimit(current, { lagMs, turnsWaiting, connectionsArriving: false }, settings);
      expect(next).toBe(Math.max(settings.min, Math.floor(current * 0.75)));
      expect(next).toBeLessThanOrEqual(current);
    }));
  });

  it('admits more while turns wait and the loop keeps up, and holds steady when nobody waits', () => {
    fc.assert(fc.property(limit, fc.double({ min: 0, max: 40, noNaN: true }), (current, lagMs) => {
      const raised = nextTurnLimit(current, { lagMs, turnsWaiting: true, connectionsArriving: false }, settings);
      expect(raised).toBe(Math.min(settings.max, current + Math.max(1, Math.floor(current / 8))));
      expect(nextTurnLimit(current, { lagMs, turnsWaiting: false, connectionsArriving: false }, settings)).toBe(current);
    }));
  });

  it('aims for shorter iterations while connections pour in, so they are accepted quickly', () => {
    fc.assert(fc.property(limit, fc.double({ min: 10.001, max: 40, noNaN: true }), (current, lagMs) => {
      const connecting = nextTurnLimit(current, { lagMs, turnsWaiting: true, connectionsArriving: true }, settings);
      expect(connecting).toBe(Math.max(settings.min, Math.floor(current * 0.75)));
      expect(nextTurnLimit(current, { lagMs, turnsWaiting: true, connectionsArriving: false }, settings)).toBeGreaterThanOrEqual(current);
    }));
  });

  it('climbs from the minimum to the maximum in a few seconds of 100 ms samples when the CPU is idle', () => {
    let current = settings.min;
    let samples = 0;
    while (current < settings.max) {
      current = nextTurnLimit(current, { lagMs: 1, turnsWaiting: true, connectionsArriving: false }, settings);
      samples++;
    }
    expect(samples).toBeLessThan(40);
  });
});
