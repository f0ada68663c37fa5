import type { Db } from 'mongodb';
import type { Config } from '../config';
import type { CheckService } from '../../core/checks/check-service';
import { systemClock, type Clock } from '../../core/clock';
import type { LifecycleStores } from '../../core/findings/lifecycle-stores';
import type { Logger } from '../../core/logger';
import type { Notifier } from '../../core/notifications/notifier';
import { createMongoStores } from '../../core/storage/mongo/create-mongo-stores';
import { createMongoBindingStore } from '../../core/storage/mongo/mongo-binding-store';
import { createMongoReminderStore } from '../../core/storage/mongo/mongo-reminder-store';
import type { TenantDirectory } from '../../core/tenants/tenant-directory';
import { botAuthFromConfig } from './bot-auth';
import type { BaselineCapturer } from './bot-deps';
import { createBot, type Bot } from './create-bot';

export interface ServiceBotInput {
  config: Config;
  db: Db;
  logger: Logger;
  tenants: TenantDirectory;
  checks: CheckService;
  capturer?: BaselineCapturer;
  stores?: LifecycleStores;
  clock?: Clock;
}

/** The bot as `serve` runs it: auth from config, MongoDB stores and bindings. */
export function createServiceBot(input: ServiceBotInput): Bot {
  return createBot({
    auth: botAuthFromConfig(input.config),
    tenants: input.tenants,
    stores: input.stores ?? createMongoStores(input.db),
    bindings: createMongoBindingStore(input.db),
    checks: input.checks,
    ...(input.capturer ? { baselineCapturer: input.capturer } : {}),
    admins: input.config.admins,
    reminders: { store: createMongoReminderStore(input.db), afterMs: input.config.reminderAfterMs },
    clock: input.clock ?? systemClock,
    logger: input.logger.child({ component: 'bot' }),
  });
}

/** A Notifier that forwards to the bot once it exists: the check runner is built before the bot. */
export function forwardingNotifier(logger: Logger): Notifier & { attach(target: Notifier): void } {
  let target: Notifier | undefined;
  return {
    attach(next) {
      target = next;
    },
    async checkCompleted(result) {
      if (target) return target.checkCompleted(result);
      logger.warn(
        { tenantId: result.tenant.id, runId: result.run.id },
        'Check finished before the bot was ready',
      );
    },
  };
}
