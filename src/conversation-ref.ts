/**
 * Where a proactive message goes: what a send needs and nothing of any SDK's own reference object.
 * Stored as JSON (reminder targets, personal chats, posted cards) and mapped to an SDK's reference
 * only inside src/host/, so stored conversations outlive a change of SDK.
 */
import { z } from 'zod';

export const ConversationRefSchema = z.object({
  serviceUrl: z.string().min(1).max(2048),
  /** A channel, group chat or 1:1 chat id (never a thread's `;messageid=` id). */
  conversationId: z.string().min(1).max(1024),
  tenantId: z.string().min(1).max(128),
  /** The bot's own id in that conversation (`28:<app id>`), sent as the message's `from`. */
  botId: z.string().min(1).max(256),
  scope: z.enum(['personal', 'groupChat', 'channel']),
});

export type ConversationRef = z.infer<typeof ConversationRefSchema>;
