/**
 * Calendar downloads: the organization's renewal reminders behind its secret URL, and one .ics file
 * per competency call. No authentication beyond the secret: calendar apps fetch these unattended.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { CalendarTokenSchema } from '../calendar/calendar-link.js';
import { callsIcs, renewalIcs } from '../calendar/ics-files.js';
import type { Logger } from '../logger.js';
import type { CallSchedule } from '../rules/calendar/call-series.js';
import { calendarDateIn } from '../rules/common/plain-date.js';
import { renewalCalendarEvents } from '../rules/calendar/renewal-calendar.js';
import type { Storage } from '../storage/storage.js';

export interface CalendarRouteDependencies {
  storage: Storage;
  now: () => Date;
  log: Logger;
  schedule: CallSchedule;
  /** ALLOWED_TENANTS: a token of a tenant no longer served finds nothing. */
  isTenantAllowed?: (tenantId: string) => boolean;
}

const CallIdSchema = z.string().min(1).max(100);

export function registerCalendarRoutes(server: Server, deps: CalendarRouteDependencies): void {
  const { storage, now, log, schedule } = deps;

  server.get('/calendar/:token/renewal.ics', async (req: Request, res: Response) => {
    const token = CalendarTokenSchema.safeParse(req.params?.token);
    try {
      // Malformed, unknown and orphaned tokens all get the same answer: no hint whether a tenant exists.
      const tenantId = token.success ? await storage.tenantOfCalendarToken(token.data) : undefined;
      const allowed = tenantId !== undefined && (deps.isTenantAllowed?.(tenantId) ?? true);
      const org = allowed ? await storage.getOrganization(tenantId) : undefined;
      if (!org) {
        notFound(res);
        return;
      }
      const at = now();
      const events = renewalCalendarEvents(org, calendarDateIn(at, org.timeZone));
      const text = renewalIcs(events, { calendarName: `${org.name} membership renewal`, now: at });
      // The URL is the secret: no cache, shared or on the fetcher's disk, keeps a copy, and a
      // rotated token stops working at the next poll.
      sendCalendar(res, text, 'renewal.ics', 'private, no-store');
      log.debug({ tenantId }, 'renewal calendar served');
    } catch (error) {
      failed(res, log, error);
    }
  });

  server.get('/calendar/calls/:callId.ics', async (req: Request, res: Response) => {
    const callId = CallIdSchema.safeParse(req.params?.callId);
    const call = callId.success ? schedule.call(callId.data) : undefined;
    if (!call) {
      notFound(res);
      return;
    }
    try {
      // The id matched a schedule entry, whose schema allows only [a-z0-9-]: safe in the header.
      // Public data, but private like every /calendar answer: one rule, no shared cache to reason about.
      sendCalendar(res, callsIcs([call], { now: now() }), `${call.id}.ics`, 'private, max-age=3600');
    } catch (error) {
      failed(res, log, error);
    }
  });
}

// restify would JSON-encode a string given to res.send, so the body is written directly.
function sendCalendar(res: Response, text: string, fileName: string, cacheControl: string): void {
  res.setHeader('content-type', 'text/calendar; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
  send(res, 200, text, cacheControl);
}

function notFound(res: Response): void {
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  send(res, 404, 'Not found\n', 'private, no-store');
}

function failed(res: Response, log: Logger, error: unknown): void {
  log.error({ err: error }, 'calendar file failed');
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  send(res, 500, 'The calendar could not be produced; try again later.\n', 'private, no-store');
}

/**
 * Every calendar answer, found or not: `private` keeps shared caches (proxies, CDNs) from storing a
 * response to a secret URL, and no-referrer keeps the URL out of any request a viewer makes next.
 */
function send(res: Response, status: number, body: string, cacheControl: string): void {
  res.setHeader('cache-control', cacheControl);
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-content-type-options', 'nosniff');
  res.writeHead(status);
  res.end(body);
}
