/**
 * Who is asking and for which organization, taken only from the activity's own envelope.
 * The tenant id decides every read and write, so disagreeing ids are refused outright.
 */
import { z } from 'zod';
import { AppError } from './app-error.js';

/** Tenant used when authentication is off and a local emulator sends no tenant id. */
export const LOCAL_DEVELOPMENT_TENANT = 'local-development';

const IdSchema = z.string().trim().min(1).max(128);

export const TurnEnvelopeSchema = z.object({
  from: z.object({ id: IdSchema, aadObjectId: IdSchema.optional(), name: z.string().max(256).optional() }).loose(),
  conversation: z
    .object({ id: IdSchema.max(1024), tenantId: IdSchema.optional(), conversationType: z.string().max(32).optional() })
    .loose(),
  channelData: z
    .object({ tenant: z.object({ id: IdSchema.optional() }).loose().optional() })
    .loose()
    .optional(),
});

export interface TurnIdentity {
  tenantId: string;
  user: { id: string; aadObjectId?: string; name?: string };
  conversationType: string;
}

export function turnIdentity(activity: unknown, options: { authenticationDisabled: boolean }): TurnIdentity {
  const parsed = TurnEnvelopeSchema.safeParse(activity);
  if (!parsed.success) throw new AppError('input.invalid', { issues: parsed.error.issues.length });
  const { from, conversation, channelData } = parsed.data;
  const ids = [conversation.tenantId, channelData?.tenant?.id].filter((id): id is string => id !== undefined);
  if (new Set(ids.map((id) => id.toLowerCase())).size > 1) throw new AppError('tenant.mismatch');
  const tenantId = ids[0] ?? (options.authenticationDisabled ? LOCAL_DEVELOPMENT_TENANT : undefined);
  if (!tenantId) throw new AppError('tenant.missing');
  return {
    tenantId: tenantId.toLowerCase(),
    user: { id: from.id, aadObjectId: from.aadObjectId?.toLowerCase(), name: from.name },
    conversationType: conversation.conversationType ?? 'personal',
  };
}
