/**
 * The organization's calendar URL. Its secret is random (never derived from the tenant id), so
 * knowing a tenant id or another organization's link reveals nothing; rotating it retires the old URL.
 * Storage keeps only a hash of the secret, so a link can be shown once, when it is made, and never
 * again: a later request learns only that a link exists and since when.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CalendarTokenStore } from '../storage/calendar-tokens.js';

/** What a calendar token can look like: long enough to be a real secret (older links are base64url). */
export const CalendarTokenSchema = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

/**
 * 32 random bytes (256 bits), hex: 64 characters. Hex rather than base64url because the card shows
 * the URL as text, and Teams markdown could read a base64url `_` or `-` as emphasis or a list.
 */
export function newCalendarToken(): string {
  return randomBytes(32).toString('hex');
}

export function renewalCalendarUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/calendar/${token}/renewal.ics`;
}

/** A link made just now (`url`), or the fact that one exists since `createdAt` (its secret is not kept). */
export type CalendarLink = { url: string } | { createdAt: string };

/** Makes the organization's first calendar link; when it already has one, says since when. */
export async function firstCalendarLink(storage: CalendarTokenStore, tenantId: string, publicUrl: string, now: Date): Promise<CalendarLink> {
  const createdAt = await storage.calendarTokenCreatedAt(tenantId);
  if (createdAt !== undefined) return { createdAt };
  const token = newCalendarToken();
  if (await storage.addCalendarToken(tenantId, token, now)) return { url: renewalCalendarUrl(publicUrl, token) };
  // Someone else's request made it in between: theirs is the link, shown to them.
  return { createdAt: (await storage.calendarTokenCreatedAt(tenantId)) ?? now.toISOString() };
}

/** Replaces the secret: the previous URL answers 404 from now on. Returns the new URL. */
export async function rotateCalendarLink(storage: CalendarTokenStore, tenantId: string, publicUrl: string, now: Date): Promise<string> {
  const token = newCalendarToken();
  await storage.rotateCalendarToken(tenantId, token, now);
  return renewalCalendarUrl(publicUrl, token);
}
