/** Turns any error into the card a person sees, logging what support needs to find it. */
import { renderCard, type CardAttachment } from '../cards/render-card.js';
import type { Logger } from '../logger.js';
import { AppError, errorView } from './app-error.js';

export function errorCardFor(error: unknown, log: Logger, fields: Record<string, unknown> = {}): CardAttachment {
  if (error instanceof AppError) {
    log.warn({ ...fields, code: error.code, ...error.details }, 'turn refused');
    return renderCard('error', errorView(error.code));
  }
  log.error({ ...fields, err: error }, 'turn failed');
  return renderCard('error', errorView(isStorageFailure(error) ? 'storage.unavailable' : 'internal'));
}

/** Database drivers' connection failures, which deserve "try again" rather than "something broke". */
function isStorageFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  return (
    (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|57P0[1-3]|08\d{3}|SQLITE_(BUSY|CANTOPEN|IOERR|LOCKED))/.test(code)) ||
    /Connection terminated|database is locked|timeout exceeded when trying to connect/i.test(message)
  );
}
