/**
 * Who is asking and for which organization, taken only from the activity's own envelope.
 * The tenant id decides every read and write: it comes from `conversation.tenantId`, which Teams
 * sets, and a `channelData.tenant.id` that disagrees with it is refused outright.
 */
import { z } from 'zod';
import { AppError } from './app-error.js';

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

/**
 * Only Teams says which tenant an activity belongs to (`conversation.tenantId`); Web Chat, Direct
 * Line or the Emulator put whatever the client chose in `channelData`. Nothing else is served.
 */
export function isTeamsActivity(activity: { channelId?: unknown; conversation?: { tenantId?: unknown } }): boolean {
  const tenantId = activity.conversation?.tenantId;
  return activity.channelId === 'msteams' && typeof tenantId === 'string' && tenantId.trim() !== '';
}

export function turnIdentity(activity: unknown): TurnIdentity {
  const parsed = TurnEnvelopeSchema.safeParse(activity);
  if (!parsed.success) throw new AppError('input.invalid', { issues: parsed.error.issues.length });
  const { from, conversation, channelData } = parsed.data;
  const tenantId = conversation.tenantId;
  if (!tenantId) throw new AppError('tenant.missing');
  const claimed = channelData?.tenant?.id;
  if (claimed !== undefined && claimed.toLowerCase() !== tenantId.toLowerCase()) throw new AppError('tenant.mismatch');
  return {
    tenantId: tenantId.toLowerCase(),
    user: { id: from.id, aadObjectId: from.aadObjectId?.toLowerCase(), name: from.name },
    conversationType: conversation.conversationType ?? 'personal',
  };
}
