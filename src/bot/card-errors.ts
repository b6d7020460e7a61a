/**
 * Errors, caught in one place: the dispatcher logs what support needs (`logTurnError`, which says
 * which code the person gets) and renders the error card for that code (`errorCard`).
 */
import { renderCard, type CardAttachment } from '../cards/render-card.js';
import type { Logger } from '../logger.js';
import { AppError, errorView, type ErrorCode } from './app-error.js';

export function logTurnError(error: unknown, log: Logger, fields: Record<string, unknown> = {}): ErrorCode {
  if (error instanceof AppError) {
    log.warn({ ...fields, code: error.code, ...error.details }, 'turn refused');
    return error.code;
  }
  log.error({ ...fields, err: error }, 'turn failed');
  return isStorageFailure(error) ? 'storage.unavailable' : 'internal';
}

/** The card for `code`; a refusal's own sentence (who to ask) comes from the error that caused it. */
export function errorCard(code: ErrorCode, cause?: unknown): CardAttachment {
  const addendum = cause instanceof AppError && cause.code === code ? cause.addendum : undefined;
  return renderCard('error', errorView(code, addendum));
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
