import { reminderId, type ReminderKey, type ReminderStore } from '../../../core/notifications/reminder-store';

/** The in-memory counterpart of createMongoReminderStore(db). */
export class InMemoryReminderStore implements ReminderStore {
  readonly sent = new Map<string, string>();

  async claim(keys: readonly ReminderKey[], at: string): Promise<ReminderKey[]> {
    const claimed = keys.filter((key) => !this.sent.has(reminderId(key)));
    for (const key of claimed) this.sent.set(reminderId(key), at);
    return claimed;
  }
  async release(keys: readonly ReminderKey[]): Promise<void> {
    for (const key of keys) this.sent.delete(reminderId(key));
  }
}
