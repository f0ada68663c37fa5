import { z } from 'zod';

// Schema pieces and error checks the MongoDB stores share, kept once so the stores cannot drift apart.

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

/** MongoDB's duplicate-key error (E11000): a unique index refused a second write. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}

/** An unordered bulk write that only failed on documents already there: nothing else is wrong. */
export function everyWriteErrorIsDuplicate(error: unknown): boolean {
  if (isDuplicateKey(error) && !hasWriteErrors(error)) return true;
  if (!hasWriteErrors(error)) return false;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return writeErrors.length > 0 && writeErrors.every((e: unknown) => isDuplicateKey(e));
}

function hasWriteErrors(error: unknown): error is { writeErrors: unknown } {
  return (
    typeof error === 'object' && error !== null && 'writeErrors' in error && error.writeErrors !== undefined
  );
}
