import type { Activity } from 'botbuilder';
import { cardActivity, type AdaptiveCard } from '../../cards';
import type { Logger } from '../../core/logger';
import type { ChannelSender } from '../proactive/channel-sender';
import { conversationRefOf } from './turn-helpers';

/** Updates a clicked card for everyone in the conversation, after the click was answered. */
export interface CardUpdater {
  updateForEveryone(activity: Partial<Activity>, activityId: string, card: AdaptiveCard): void;
  /** Resolves when every update started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
}

export function createCardUpdater(sender: ChannelSender, logger: Logger): CardUpdater {
  const pending = new Set<Promise<void>>();
  return {
    updateForEveryone(activity, activityId, card) {
      // The turn context is revoked after the turn: everything needed is copied out now.
      const ref = conversationRefOf(activity);
      const conversationId = activity.conversation?.id ?? ref.conversationId;
      const job = sender
        .update(ref, activityId, cardActivity(card), conversationId)
        .then((outcome) => {
          if (!outcome.ok)
            logger.warn(
              { conversationId, activityId, message: outcome.message },
              'Card update for everyone failed',
            );
        })
        .finally(() => pending.delete(job));
      pending.add(job);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
