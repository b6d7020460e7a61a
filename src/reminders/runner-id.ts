/** Names this process in reminder claims, so a stuck claim can be traced to its replica. */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export function runnerId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
