/**
 * Logs with pino: JSON lines, one per event, wherever a machine reads them; readable lines at a
 * terminal (stdout is a TTY, or LOG_FORMAT=pretty), through pino's own pretty transport. Handlers
 * get child loggers with the tenant and turn in their fields.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** `auto`: pretty at a terminal, JSON elsewhere. */
export type LogFormat = 'auto' | 'json' | 'pretty';

export function createLogger(level: string, format: LogFormat = 'json'): Logger {
  const pretty = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  return pino({
    level,
    base: { service: 'renewal-bot' },
    // Never log credentials, even if a caller passes a whole request or config object.
    redact: ['req.headers.authorization', 'headers.authorization', '*.MicrosoftAppPassword', 'MicrosoftAppPassword'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } } } : {}),
  });
}
