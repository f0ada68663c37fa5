import type { Actor } from '../model';
import type { CheckReplyTo, CheckRun } from './check-run';

export type CheckRequestResult =
  | { started: true; runId: string }
  | { started: false; reason: 'already-running'; runId?: string }
  | { started: false; reason: 'unknown-tenant' };

/** What the bot (and the CLI) ask of the check runner. Implemented in core/checks. */
export interface CheckService {
  /** Starts a check now unless one is running for the tenant; resolves once started, not when finished. */
  requestCheck(
    tenantId: string,
    request: { actor?: Actor; conversationId?: string; replyTo?: CheckReplyTo },
  ): Promise<CheckRequestResult>;
  /** The latest run of a tenant, whatever its status. */
  lastRun(tenantId: string): Promise<CheckRun | undefined>;
}
