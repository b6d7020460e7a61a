/**
 * Calendar secrets in storage, on every back end: only their SHA-256 hash is written, each tenant
 * is found by its own secret only, and secrets stored in the clear before the upgrade are hashed by
 * the migration without breaking the links already handed out.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/storage/migrations.js';
import type { MakeStorage, StorageUnderTest } from './storage-contract.js';

const AT = new Date('2026-11-25T12:00:00.000Z');
/** A secret as the bot made them before hashing (32 random bytes, base64url). */
const OLD_STYLE = 'q1w2e3r4t5y6u7i8o9p0-_ASDFGHJKLZXCVBNMqwert';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function runCalendarTokenContract(name: string, makeStorage: MakeStorage): void {
  describe(`${name} calendar secrets`, () => {
    let subject: StorageUnderTest;
    beforeEach(async () => {
      subject = await makeStorage({ now: () => AT });
    });
    afterEach(async () => {
      await subject.cleanup();
    });
    /** Every value of every column of the table, as text. */
    const storedValues = async () =>
      (await (subject.db as Kysely<any>).selectFrom('calendar_tokens').selectAll().execute()).flatMap((row) => Object.values(row).map(String));

    it('writes only the hash of a secret, and finds the tenant by the secret', async () => {
      const { storage } = subject;
      const secret = 'a'.repeat(64);
      expect(await storage.addCalendarToken('tenant-a', secret, AT)).toBe(true);
      expect(await storage.tenantOfCalendarToken(secret)).toBe('tenant-a');
      const values = await storedValues();
      expect(values).toContain(sha256(secret));
      expect(values.filter((value) => value.includes(secret))).toEqual([]);
      expect(await storage.calendarTokenCreatedAt('tenant-a')).toBe(AT.toISOString());
    });

    it("keeps a tenant's first secret when another is added, and finds each tenant by its own only", async () => {
      const { storage } = subject;
      expect(await storage.addCalendarToken('tenant-a', 'secret-of-tenant-a-0001', AT)).toBe(true);
      expect(await storage.addCalendarToken('tenant-a', 'secret-of-tenant-a-0002', new Date('2026-12-01T00:00:00Z'))).toBe(false);
      expect(await storage.addCalendarToken('tenant-b', 'secret-of-tenant-b-0001', AT)).toBe(true);
      expect(await storage.tenantOfCalendarToken('secret-of-tenant-a-0001')).toBe('tenant-a');
      expect(await storage.tenantOfCalendarToken('secret-of-tenant-a-0002')).toBeUndefined();
      expect(await storage.tenantOfCalendarToken('secret-of-tenant-b-0001')).toBe('tenant-b');
      expect(await storage.tenantOfCalendarToken(sha256('secret-of-tenant-b-0001'))).toBeUndefined(); // the hash is not a key
      expect(await storage.calendarTokenCreatedAt('tenant-a')).toBe(AT.toISOString());
      expect(await storage.calendarTokenCreatedAt('tenant-c')).toBeUndefined();
    });

    it('replaces the hash on rotation: the old secret finds nobody, the new one the tenant', async () => {
      const { storage } = subject;
      await storage.addCalendarToken('tenant-a', 'secret-before-rotation', AT);
      const rotatedAt = new Date('2026-12-01T08:00:00.000Z');
      await storage.rotateCalendarToken('tenant-a', 'secret-after-rotation', rotatedAt);
      expect(await storage.tenantOfCalendarToken('secret-before-rotation')).toBeUndefined();
      expect(await storage.tenantOfCalendarToken('secret-after-rotation')).toBe('tenant-a');
      expect(await storage.calendarTokenCreatedAt('tenant-a')).toBe(rotatedAt.toISOString());
      expect(await storedValues()).toEqual(['tenant-a', sha256('secret-after-rotation'), rotatedAt.toISOString()]);
    });

    it('hashes the secrets an older version stored in the clear, and their links keep working', async () => {
      const { storage, db } = subject;
      await runMigrations(db, storage.kind, { to: '0003-checklists-and-calendar' });
      await (db as Kysely<any>)
        .insertInto('calendar_tokens')
        .values([
          { tenant_id: 'tenant-a', token: OLD_STYLE, created_at: AT.toISOString() },
          { tenant_id: 'tenant-b', token: 'another-old-secret-of-b', created_at: AT.toISOString() },
        ])
        .execute();
      await runMigrations(db, storage.kind);
      expect(await storage.tenantOfCalendarToken(OLD_STYLE)).toBe('tenant-a');
      expect(await storage.tenantOfCalendarToken('another-old-secret-of-b')).toBe('tenant-b');
      const values = await storedValues();
      expect(values.filter((value) => value.includes(OLD_STYLE) || value.includes('another-old-secret-of-b'))).toEqual([]);
      expect(values).toEqual(expect.arrayContaining([sha256(OLD_STYLE), sha256('another-old-secret-of-b')]));
    });
  });
}
