/**
 * The organization's calendar URL. Its secret is random (never derived from the tenant id), so
 * knowing a tenant id or another organization's link reveals nothing; rotating it retires the old URL.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CalendarTokenStore } from '../storage/calendar-tokens.js';

/** What a calendar token can look like: base64url, long enough to be a real secret. */
export const CalendarTokenSchema = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

/** 32 random bytes, base64url: 43 characters, 256 bits. */
export function newCalendarToken(): string {
  return randomBytes(32).toString('base64url');
}

export function renewalCalendarUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/calendar/${token}/renewal.ics`;
}

/** The organization's calendar URL, creating its secret on first use. */
export async function calendarUrlFor(storage: CalendarTokenStore, tenantId: string, publicUrl: string, now: Date): Promise<string> {
  return renewalCalendarUrl(publicUrl, await storage.calendarToken(tenantId, newCalendarToken, now));
}

/** Replaces the secret: the previous URL answers 404 from now on. Returns the new URL. */
export async function rotateCalendarLink(storage: CalendarTokenStore, tenantId: string, publicUrl: string, now: Date): Promise<string> {
  const token = newCalendarToken();
  await storage.rotateCalendarToken(tenantId, token, now);
  return renewalCalendarUrl(publicUrl, token);
}
