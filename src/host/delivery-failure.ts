/**
 * Reads the Bot Connector's answer out of what the SDK threw (a RestError with `statusCode` and the
 * response's Retry-After header, a network error, a timeout): the only place that knows its shape.
 */
import { reasonOf, type DeliveryFailure } from './contract.js';

/** Classifies an error thrown by a connector call (a botframework RestError, a timeout, a network error). */
export function classifyConnectorError(error: unknown): DeliveryFailure {
  const status = statusOf(error);
  if (status === 429) return { kind: 'throttled', status, retryAfterMs: retryAfterOf(error) };
  if (status === 403 || status === 404) return { kind: 'gone', status };
  if (status === undefined || status === 412 || status === 408 || status >= 500 || status === 401) {
    // 401: our token was refused; an operator can fix the credentials, so keep the reminder.
    return { kind: 'transient', status, reason: status ? `HTTP ${status}` : reasonOf(error) };
  }
  return { kind: 'rejected', status, reason: `HTTP ${status}` };
}

function statusOf(error: unknown): number | undefined {
  const candidate = (error as { statusCode?: unknown; status?: unknown } | null) ?? {};
  const status = candidate.statusCode ?? candidate.status;
  return typeof status === 'number' ? status : undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } }).response?.headers;
  const value = headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
