/**
 * Ids the Bot Connector hands back (a posted message's id, a new conversation's id) are stored and later
 * put into request paths (PUT /v3/conversations/{id}/activities/{activityId}). They come from outside:
 * only a bounded id without control characters, and never a path step ('.', '..'), is kept.
 */
import { z } from 'zod';

const ConnectorIdSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((id) => id !== '.' && id !== '..' && !/[\u0000-\u001f\u007f]/.test(id));

/** The id when it is one we can store and use again; undefined otherwise. */
export function connectorId(value: unknown): string | undefined {
  const parsed = ConnectorIdSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
