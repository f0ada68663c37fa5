import type { CheckResult } from '../checks/check-run';

/**
 * Told about every finished check; decides between a new post and an in-place update.
 * Implemented by the bot (bot/proactive); must not throw for delivery problems: it records them.
 */
export interface Notifier {
  checkCompleted(result: CheckResult): Promise<void>;
}
