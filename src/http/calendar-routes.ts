/**
 * Calendar downloads: the organization's renewal reminders behind its secret URL, and one .ics file
 * per competency call. No authentication beyond the secret: calendar apps fetch these unattended.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { CalendarTokenSchema } from '../calendar/calendar-link.js';
import { callsIcs, renewalIcs } from '../calendar/ics-files.js';
import type { Logger } from '../logger.js';
import type { CallSchedule } from '../rules/call-series.js';
import { calendarDateIn } from '../rules/plain-date.js';
import { renewalCalendarEvents } from '../rules/renewal-calendar.js';
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
      // Short private caching: calendar apps poll, and a rotated token must stop working soon.
      sendCalendar(res, text, 'renewal.ics', 'private, max-age=300');
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
      sendCalendar(res, callsIcs([call], { now: now() }), `${call.id}.ics`, 'public, max-age=3600');
    } catch (error) {
      failed(res, log, error);
    }
  });
}

// restify would JSON-encode a string given to res.send, so the body is written directly.
function sendCalendar(res: Response, text: string, fileName: string, cacheControl: string): void {
  res.setHeader('content-type', 'text/calendar; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
  res.setHeader('cache-control', cacheControl);
  res.setHeader('x-content-type-options', 'nosniff');
  res.writeHead(200);
  res.end(text);
}

function notFound(res: Response): void {
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.writeHead(404);
  res.end('Not found\n');
}

function failed(res: Response, log: Logger, error: unknown): void {
  log.error({ err: error }, 'calendar file failed');
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.writeHead(500);
  res.end('The calendar could not be produced; try again later.\n');
}
