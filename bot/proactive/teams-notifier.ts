import { cardActivity, renderCheckFailedCard, type AdaptiveCard, type CheckFailure } from '../../cards';
import type { BindingStore } from '../../core/bindings/binding-store';
import { baseConversationId, lastPostKey, type ChannelBinding } from '../../core/bindings/channel-binding';
import { NOTIFICATION_CLAIM_MS } from '../../core/bindings/notification-log';
import type { CheckResult, CheckRun } from '../../core/checks/check-run';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { Finding, Severity, Tenant } from '../../core/model';
import type { Notifier } from '../../core/notifications/notifier';
import type { ChannelSender, SendOutcome } from './channel-sender';
import { decidePost, type PostDecision } from './decide-post';
import { sendReminder, type ReminderPolicy } from './reminders';
import { CARD_FORMAT } from '../teams/card-format';

export interface SummaryOptions {
  newFindingIds: string[];
  reopenedFindingIds: string[];
  changedFindingIds: string[];
  resolved: number;
  floor: Severity;
}

export interface TeamsNotifierDeps {
  bindings: BindingStore;
  findings: { list(tenantId: string): Promise<Finding[]> };
  sender: ChannelSender;
  clock: Clock;
  logger: Logger;
  /** The summary card for a binding (severity floor applied) after a check. */
  renderSummary(tenant: Tenant, run: CheckRun, options: SummaryOptions): Promise<AdaptiveCard>;
  /** Absent: no reminders (tests of posting alone). */
  reminders?: ReminderPolicy;
}

function failureOf(run: CheckRun): CheckFailure {
  const error = run.error;
  if (!error) return { kind: 'other', message: 'The check did not finish.' };
  if (error.code === 'consent-missing')
    return { kind: 'consent_missing', permissions: error.permission ? [error.permission] : [] };
  if (error.code === 'permission-missing') {
    return {
      kind: 'permission_missing',
      permissions: error.permission ? [error.permission] : [],
      policyTypes: [],
    };
  }
  if (error.code === 'graph-unavailable') return { kind: 'unreachable', message: error.message };
  return { kind: 'other', message: error.message };
}

/**
 * Posts check results to every conversation bound to the tenant (and portfolio conversations): a new
 * thread when there is news against what the conversation was told (its notification log), an
 * in-place update otherwise. Then answers the conversation that asked
 * for the check from chat (unless it just got the new post), and sends the one reminder about
 * findings nobody acknowledged in time. Delivery problems are recorded on the binding (shown by
 * "debug") or logged, never thrown.
 */
export function createTeamsNotifier(deps: TeamsNotifierDeps): Notifier {
  async function cardFor(result: CheckResult, options: SummaryOptions): Promise<AdaptiveCard> {
    return result.run.status === 'failed'
      ? renderCheckFailedCard(
          {
            tenant: { id: result.tenant.id, name: result.tenant.name },
            at: result.run.finishedAt ?? result.run.startedAt,
            runId: result.run.id,
            failure: failureOf(result.run),
          },
          CARD_FORMAT,
        )
      : deps.renderSummary(result.tenant, result.run, options);
  }

  async function recordOutcome(binding: ChannelBinding, outcome: SendOutcome, at: string): Promise<void> {
    if (outcome.ok) await deps.bindings.recordDelivered(binding.conversationId, at);
    else {
      await deps.bindings.recordDeliveryError(binding.conversationId, {
        at,
        message: outcome.message,
        ...(outcome.status ? { status: outcome.status } : {}),
      });
    }
  }

  /**
   * Takes the right to deliver this run's summary when it will change the conversation's log: a
   * replica notifying about a later check of the same tenant (the lease is released before the
   * notifier runs) must not announce the same news again while this one is delivering it.
   */
  async function claim(
    binding: ChannelBinding,
    result: CheckResult,
    decision: PostDecision,
  ): Promise<boolean> {
    if (decision.action === 'none' || !decision.log) return true;
    const now = deps.clock.now();
    return deps.bindings.claimNotification(binding.conversationId, result.tenant.id, {
      runId: result.run.id,
      rev: decision.log.rev,
      at: now.toISOString(),
      until: new Date(now.getTime() + NOTIFICATION_CLAIM_MS).toISOString(),
    });
  }

  /**
   * Records what reached the conversation: the log only once the card was delivered (a failed post
   * leaves it as it was, so the next check tells the news again), and the new post's id.
   */
  async function recordSent(
    binding: ChannelBinding,
    result: CheckResult,
    decision: Exclude<PostDecision, { action: 'none' }>,
    outcome: SendOutcome,
    at: string,
  ): Promise<void> {
    // Teams sometimes answers a channel post without an id: then the next check posts anew.
    const post =
      decision.action === 'post' && outcome.ok && outcome.activityId
        ? {
            activityId: outcome.activityId,
            at,
            runId: result.run.id,
            news: {
              newIds: decision.newIds,
              reopenedIds: decision.reopenedIds,
              changedIds: decision.changedIds,
              resolved: decision.resolved,
            },
          }
        : undefined;
    if (decision.log && outcome.ok) {
      await deps.bindings.recordNotified(binding.conversationId, result.tenant.id, {
        runId: result.run.id,
        findings: decision.log.findings,
        at,
        ...(post ? { post } : {}),
      });
    } else if (decision.log) {
      await deps.bindings.releaseNotification(binding.conversationId, result.tenant.id, result.run.id);
    } else if (post) {
      await deps.bindings.recordPost(binding.conversationId, result.tenant.id, post);
    }
  }

  /** The summary for one binding; true when it made a new post. */
  async function deliver(
    binding: ChannelBinding,
    result: CheckResult,
    findings: readonly Finding[],
  ): Promise<boolean> {
    const decision = decidePost(binding, result, findings);
    if (decision.action === 'none') return false;
    const log = { conversationId: binding.conversationId, tenantId: result.tenant.id, runId: result.run.id };
    if (!(await claim(binding, result, decision))) {
      deps.logger.info(
        log,
        'Another check is delivering to this conversation; the next check tells what is left',
      );
      return false;
    }
    const posting = decision.action === 'post';
    // An in-place update keeps announcing what its post announced; only "last checked" and counts move.
    const news = posting ? decision : binding.lastPosts[lastPostKey(result.tenant.id)]?.news;
    let outcome: SendOutcome;
    const now = deps.clock.now().toISOString();
    try {
      const card = await cardFor(result, {
        newFindingIds: news?.newIds ?? [],
        reopenedFindingIds: news?.reopenedIds ?? [],
        changedFindingIds: news?.changedIds ?? [],
        resolved: news?.resolved ?? 0,
        floor: binding.binding?.severityFloor ?? 'low',
      });
      outcome =
        decision.action === 'update'
          ? await deps.sender.update(binding.reference, decision.activityId, cardActivity(card))
          : await deps.sender.post(binding.reference, cardActivity(card));
    } catch (err) {
      if (decision.log)
        await deps.bindings.releaseNotification(binding.conversationId, result.tenant.id, result.run.id);
      throw err;
    }
    await recordSent(binding, result, decision, outcome, now);
    await recordOutcome(binding, outcome, now);
    deps.logger.info(
      { ...log, action: decision.action, reason: decision.reason, ok: outcome.ok },
      'Check result delivered',
    );
    return posting && outcome.ok;
  }

  /** `check` from chat: the asking conversation hears how it went, bound or not. */
  async function answerRequester(result: CheckResult, postedTo: ReadonlySet<string>): Promise<void> {
    const replyTo = result.run.replyTo;
    if (!replyTo || postedTo.has(baseConversationId(replyTo.conversationId))) return;
    const card = await cardFor(result, {
      newFindingIds: result.newFindingIds,
      reopenedFindingIds: result.reopenedFindingIds,
      changedFindingIds: result.changedFindingIds ?? [],
      resolved: result.resolvedFindingIds.length,
      floor: 'low',
    });
    const activity = { ...cardActivity(card), ...(result.run.note ? { text: result.run.note } : {}) };
    const outcome = await deps.sender.post(
      { ...replyTo.reference, conversationId: replyTo.conversationId },
      activity,
    );
    deps.logger.info(
      { conversationId: replyTo.conversationId, tenantId: result.tenant.id, ok: outcome.ok },
      'Check result answered to the conversation that asked',
    );
  }

  async function remind(binding: ChannelBinding, tenant: Tenant, findings: readonly Finding[]) {
    if (!deps.reminders) return;
    const sent = await sendReminder(binding, tenant, findings, {
      policy: deps.reminders,
      sender: deps.sender,
      now: deps.clock.now(),
    });
    if (!sent) return;
    await recordOutcome(binding, sent.outcome, deps.clock.now().toISOString());
    deps.logger.info(
      {
        conversationId: binding.conversationId,
        tenantId: tenant.id,
        findings: sent.findingIds.length,
        ok: sent.outcome.ok,
      },
      'Reminder about unacknowledged findings',
    );
  }

  const guarded = async (what: string, result: CheckResult, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      deps.logger.error({ tenantId: result.tenant.id, runId: result.run.id, err }, what);
    }
  };

  return {
    async checkCompleted(result) {
      let bindings: ChannelBinding[] = [];
      let findings: Finding[] = [];
      const postedTo = new Set<string>();
      await guarded('Notifying about a check failed', result, async () => {
        [bindings, findings] = await Promise.all([
          deps.bindings.forTenant(result.tenant.id),
          deps.findings.list(result.tenant.id),
        ]);
        await Promise.all(
          bindings.map(async (b) => {
            if (await deliver(b, result, findings)) postedTo.add(b.conversationId);
          }),
        );
      });
      await guarded('Answering the conversation that asked failed', result, () =>
        answerRequester(result, postedTo),
      );
      await guarded('Sending reminders failed', result, () =>
        Promise.all(bindings.map((b) => remind(b, result.tenant, findings))),
      );
    },
  };
}
