import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { BindingStore } from '../../core/bindings/binding-store';
import type { CheckService } from '../../core/checks/check-service';
import type { LifecycleStores } from '../../core/findings/lifecycle-stores';
import type { TenantDirectory } from '../../core/tenants/tenant-directory';
import type { Actor } from '../../core/model';
import type { ReminderPolicy } from '../proactive/reminders';
import type { RetryPolicy } from '../proactive/retry';
import type { Sleep } from '../proactive/rate-limiter';
import type { BotAuth } from './bot-auth';

/** Captures a tenant's current configuration as its baseline (implemented by the check runner). */
export interface BaselineCapturer {
  capture(
    tenantId: string,
    request: { actor: Actor; conversationId?: string },
  ): Promise<{ ok: true; version: number; objects: number } | { ok: false; message: string }>;
}

/** Everything the bot needs, passed in by the composition root (bot/main.ts). */
export interface BotDeps {
  auth: BotAuth;
  tenants: TenantDirectory;
  stores: Pick<LifecycleStores, 'findings' | 'audit' | 'baselines' | 'inventory' | 'ignoreRules'>;
  bindings: BindingStore;
  checks: CheckService;
  /** Absent: "baseline capture" answers that capturing from chat is not available. */
  baselineCapturer?: BaselineCapturer;
  /** Entra object ids (lower case) allowed to run admin commands. */
  admins: readonly string[];
  clock: Clock;
  logger: Logger;
  /** One reminder per overdue unacknowledged finding; absent: no reminders. */
  reminders?: ReminderPolicy;
  /** Injected for tests; real timers otherwise. */
  sleep?: Sleep;
  retry?: RetryPolicy;
}
