import type { CheckResult } from '../../../core/checks/check-run';
import type { Notifier } from '../../../core/notifications/notifier';

/** A Notifier that keeps what it was told. */
export class RecordingNotifier implements Notifier {
  readonly results: CheckResult[] = [];

  async checkCompleted(result: CheckResult): Promise<void> {
    this.results.push(result);
  }
}
