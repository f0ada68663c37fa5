import { z } from 'zod';

// Schema pieces and helpers every MongoDB store shares, kept once so the stores cannot drift apart.

export const ActorDoc = z.object({ id: z.string(), name: z.string() });

/** A stored ConversationRef (bindings and the reply-to of a requested check). */
export const ConversationRefDoc = z.object({
  serviceUrl: z.string(),
  channelId: z.string(),
  conversationId: z.string(),
  conversationType: z.string().optional(),
  aadTenantId: z.string().optional(),
  teamId: z.string().optional(),
  bot: z.object({ id: z.string(), name: z.string().optional() }),
});

/**
 * Drops keys whose value is undefined: the driver would store them as null, and optional fields
 * stay absent (as in the domain objects).
 */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
