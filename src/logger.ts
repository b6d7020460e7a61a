/** JSON logs with pino; handlers get child loggers with the tenant and turn in their fields. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'renewal-bot' },
    // Never log credentials, even if a caller passes a whole request or config object.
    redact: ['req.headers.authorization', 'headers.authorization', '*.MicrosoftAppPassword', 'MicrosoftAppPassword'],
  });
}
