/**
 * The shape an activity must have before the adapter sees it. Anything else is a 400: no handler
 * runs and nothing is written. Field meanings are checked later, per turn.
 */
import { z } from 'zod';

const Id = z.string().min(1).max(1024);

export const InboundActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
    from: z.object({ id: Id }).loose(),
    recipient: z.object({ id: Id }).loose(),
    conversation: z.object({ id: Id }).loose(),
    text: z.string().max(28_000).optional(),
    timestamp: z.string().max(64).optional(),
  })
  .loose();
