/**
 * A turn as the handlers see it: who is asking, for which organization, from where, built once from
 * the activity's own envelope. Handlers never see the SDK's types or the raw activity.
 *
 * The tenant id decides every read and write: it comes from `conversation.tenantId`, which Teams
 * sets, and a `channelData.tenant.id` that disagrees with it is refused outright.
 */
import { z } from 'zod';
import { ConversationRefSchema, type ConversationRef } from '../conversation-ref.js';
import { AppError } from './app-error.js';
import type { MemberDirectory } from './member-directory.js';
import { canonicalTimeZone, isTimeZone } from '../rules/common/plain-date.js';

/** An activity as the dispatcher sees it, with nothing of the SDK: src/host/inbound.ts maps the SDK's turn to it. */
export interface Inbound {
  /** message, invoke, installationUpdate, conversationUpdate, ... */
  type: string;
  text?: string;
  /** A message's card data (Action.Submit), or an invoke's value. */
  value?: unknown;
  /** An invoke's name. */
  name?: string;
  /** An installationUpdate's action: add, remove, add-upgrade or remove-upgrade. */
  action?: string;
  /** A conversationUpdate that adds the bot. */
  botAdded: boolean;
  /** A conversationUpdate that removes the bot (and adds nobody: added members are looked at first). */
  botRemoved: boolean;
  /** The fields a turn is read from: the sender's input, checked by turnFrom. */
  envelope: Envelope;
  /** What Teams says about the asker and the conversation's members. */
  members: MemberDirectory;
}

export interface Envelope extends ZoneFields {
  channelId?: unknown;
  serviceUrl?: string;
  from?: unknown;
  recipient?: unknown;
  conversation?: { tenantId?: unknown };
  channelData?: unknown;
}

const IdSchema = z.string().trim().min(1).max(128);

const TurnEnvelopeSchema = z.object({
  /** The bot, as addressed in this conversation: the sender of its proactive messages there. */
  recipient: z.object({ id: z.string() }).loose().optional(),
  from: z.object({ id: IdSchema, aadObjectId: IdSchema.optional(), name: z.string().max(256).optional() }).loose(),
  conversation: z
    .object({ id: IdSchema.max(1024), tenantId: IdSchema.optional(), conversationType: z.string().max(32).optional() })
    .loose(),
  channelData: z
    .object({
      tenant: z.object({ id: IdSchema.optional() }).loose().optional(),
      team: z.object({ id: z.string().max(1024).optional() }).loose().optional(),
    })
    .loose()
    .optional(),
});

export interface TurnUser {
  id: string;
  aadObjectId?: string;
  name?: string;
}

export interface Turn {
  tenantId: string;
  user: TurnUser;
  /** personal, groupChat or channel, as Teams says. */
  scope: string;
  /** The reader's own IANA zone when Teams reports one. */
  readerZone?: string;
  /** The team of a channel conversation (or of an install in a team). */
  team?: { id: string };
  conversationId: string;
  serviceUrl: string;
  /** Where a proactive message to this conversation (a channel's, never a thread's) goes. */
  reference: ConversationRef;
  /** What Teams says about the asker and the conversation's members (asked only when a handler needs it). */
  members: MemberDirectory;
}

/**
 * Only Teams says which tenant an activity belongs to (`conversation.tenantId`); Web Chat, Direct
 * Line or the Emulator put whatever the client chose in `channelData`. Nothing else is served.
 */
export function isTeamsActivity(activity: { channelId?: unknown; conversation?: { tenantId?: unknown } }): boolean {
  const tenantId = activity.conversation?.tenantId;
  return activity.channelId === 'msteams' && typeof tenantId === 'string' && tenantId.trim() !== '';
}

export function turnFrom(activity: Inbound): Turn {
  const { envelope } = activity;
  const parsed = TurnEnvelopeSchema.safeParse(envelope);
  if (!parsed.success) throw new AppError('input.invalid', { issues: parsed.error.issues.length });
  const { from, recipient, conversation, channelData } = parsed.data;
  const tenantId = conversation.tenantId;
  if (!tenantId) throw new AppError('tenant.missing');
  const claimed = channelData?.tenant?.id;
  if (claimed !== undefined && claimed.toLowerCase() !== tenantId.toLowerCase()) throw new AppError('tenant.mismatch');
  const teamId = channelData?.team?.id;
  const scope = conversation.conversationType ?? 'personal';
  let reference: ConversationRef | undefined;
  return {
    tenantId: tenantId.toLowerCase(),
    user: { id: from.id, aadObjectId: from.aadObjectId?.toLowerCase(), name: from.name },
    scope,
    readerZone: readerTimeZone(envelope),
    team: teamId ? { id: teamId } : undefined,
    conversationId: conversation.id,
    serviceUrl: envelope.serviceUrl ?? '',
    get members() {
      return activity.members;
    },
    // Built when a handler stores it (a reminder target), not at every turn.
    get reference() {
      reference ??= referenceOf({
        serviceUrl: envelope.serviceUrl,
        conversationId: channelConversationId(conversation.id),
        tenantId,
        botId: recipient?.id,
        scope,
      });
      return reference;
    },
  };
}

/** A channel's own conversation id: a message in a thread arrives as `<channel>;messageid=<id>`. */
export function channelConversationId(conversationId: string): string {
  return conversationId.split(';')[0] as string;
}

/** The envelope's reference; one Teams sent without a service URL or bot id cannot be stored. */
function referenceOf(fields: Record<keyof ConversationRef, unknown>): ConversationRef {
  const parsed = ConversationRefSchema.safeParse(fields);
  if (!parsed.success) throw new AppError('input.invalid', { issues: parsed.error.issues.length });
  return parsed.data;
}

/** The reference of another conversation of the same team (its General channel, a thread's channel). */
export function referenceTo(turn: Turn, conversationId: string): ConversationRef {
  return { ...turn.reference, conversationId };
}

/** A card's data names its tenant: a card carried into another tenant must not act there. */
export function sameTenant(data: { tenantId: string }, turn: Turn, where: string): void {
  if (data.tenantId.toLowerCase() !== turn.tenantId) throw new AppError('tenant.mismatch', { where });
}

/** The two places of an activity that may carry the reader's zone (any value: Teams' input is unchecked here). */
interface ZoneFields {
  localTimezone?: unknown;
  entities?: unknown;
}

/**
 * The reader's time zone, as Teams reports it: `localTimezone` on the activity, or `timezone` in the
 * clientInfo entity; anything that is not a known IANA zone is ignored. Any activity may be given,
 * whatever else it carries: only these two fields are read.
 */
export function readerTimeZone(activity: object): string | undefined {
  const { localTimezone, entities } = activity as ZoneFields;
  const clientInfo = Array.isArray(entities) ? entities.find((entity: unknown) => isRecord(entity) && entity.type === 'clientInfo') : undefined;
  const fromEntity = isRecord(clientInfo) ? clientInfo.timezone : undefined;
  for (const candidate of [localTimezone, fromEntity]) {
    if (typeof candidate === 'string' && candidate.length <= 64 && isTimeZone(candidate)) return canonicalTimeZone(candidate);
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
