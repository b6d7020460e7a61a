/**
 * What each kind of reminder carries, typed per kind. Payloads are stored as JSON in the ledger, so
 * one read back is checked against its kind's schema before any card is built from it.
 */
import { z } from 'zod';
import { CompetencyLevelSchema, PlainDateSchema } from '../organization/organization.js';

const NothingSchema = z.object({}).strict();

export const REMINDER_PAYLOAD_SCHEMAS = {
  'window-open': NothingSchema,
  'two-weeks': NothingSchema,
  expired: NothingSchema,
  'reference-expiring': z.object({ customer: z.string(), competency: z.string(), expiresOn: PlainDateSchema }),
  'requirements-changed': z.object({ competencyId: z.string(), level: CompetencyLevelSchema, changes: z.array(z.string()) }),
} as const;

export type ReminderKind = keyof typeof REMINDER_PAYLOAD_SCHEMAS;
export const REMINDER_KINDS = Object.keys(REMINDER_PAYLOAD_SCHEMAS) as ReminderKind[];

export type ReminderPayload<K extends ReminderKind> = z.infer<(typeof REMINDER_PAYLOAD_SCHEMAS)[K]>;

/** A kind with its own payload: `payload.customer` exists exactly when kind is 'reference-expiring'. */
export type KindAndPayload = { [K in ReminderKind]: { kind: K; payload: ReminderPayload<K> } }[ReminderKind];

/** A stored kind and payload, checked; undefined when the row does not match its kind. */
export function kindAndPayload(kind: string, payload: unknown): KindAndPayload | undefined {
  if (!(kind in REMINDER_PAYLOAD_SCHEMAS)) return undefined;
  const parsed = REMINDER_PAYLOAD_SCHEMAS[kind as ReminderKind].safeParse(payload);
  return parsed.success ? ({ kind, payload: parsed.data } as KindAndPayload) : undefined;
}
