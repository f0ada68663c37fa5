/** One reminder: this finding, with this drift signature, in this conversation. */
export interface ReminderKey {
  conversationId: string;
  findingId: string;
  signature: string;
}

/**
 * Which reminders were sent, so each finding signature is reminded at most once per conversation
 * (a changed signature is news again, and may earn its own reminder). Implemented over MongoDB.
 */
export interface ReminderStore {
  /** Records the keys not recorded before and returns those: only they may be sent. Safe across replicas. */
  claim(keys: readonly ReminderKey[], at: string): Promise<ReminderKey[]>;
  /** Forgets keys whose reminder could not be delivered, so a later check tries again. */
  release(keys: readonly ReminderKey[]): Promise<void>;
}

/** The stored identity of a key: conversation ids and signatures contain no "|". */
export function reminderId(key: ReminderKey): string {
  return `${key.conversationId}|${key.findingId}|${key.signature}`;
}
