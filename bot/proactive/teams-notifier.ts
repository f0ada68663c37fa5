import { cardActivity, renderCheckFailedCard, type AdaptiveCard, type CheckFailure } from '../../cards';
import type { BindingStore } from '../../core/bindings/binding-store';
import type { ChannelBinding } from '../../core/bindings/channel-binding';
import type { CheckResult, CheckRun } from '../../core/checks/check-run';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { Finding, Severity, Tenant } from '../../core/model';
import type { Notifier } from '../../core/notifications/notifier';
import type { ChannelSender, SendOutcome } from './channel-sender';
import { decidePost } from './decide-post';

export interface TeamsNotifierDeps {
  bindings: BindingStore;
  findings: { list(tenantId: string): Promise<Finding[]> };
  sender: ChannelSender;
  clock: Clock;
  logger: Logger;
  /** The summary card for a binding (severity floor applied) after a check. */
  renderSummary(
    tenant: Tenant,
    run: CheckRun,
    options: { newFindingIds: string[]; reopenedFindingIds: string[]; resolved: number; floor: Severity },
  ): Promise<AdaptiveCard>;
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
 * thread when there is news, an in-place update otherwise. Delivery problems are recorded on the
 * binding (shown by "debug"), never thrown.
 */
export function createTeamsNotifier(deps: TeamsNotifierDeps): Notifier {
  async function deliver(
    binding: ChannelBinding,
    result: CheckResult,
    findings: readonly Finding[],
  ): Promise<void> {
    const decision = decidePost(binding, result, findings);
    if (decision.action === 'none') return;
    const floor = binding.binding?.severityFloor ?? 'low';
    const card =
      result.run.status === 'failed'
        ? renderCheckFailedCard({
            tenant: { id: result.tenant.id, name: result.tenant.name },
            at: result.run.finishedAt ?? result.run.startedAt,
            runId: result.run.id,
            failure: failureOf(result.run),
          })
        : await deps.renderSummary(result.tenant, result.run, {
            newFindingIds: decision.action === 'post' ? decision.newIds : [],
            reopenedFindingIds: decision.action === 'post' ? decision.reopenedIds : [],
            resolved: decision.action === 'post' ? decision.resolved : 0,
            floor,
          });
    const now = deps.clock.now().toISOString();
    let outcome: SendOutcome;
    if (decision.action === 'update') {
      outcome = await deps.sender.update(binding.reference, decision.activityId, cardActivity(card));
    } else {
      outcome = await deps.sender.post(binding.reference, cardActivity(card));
      // Teams sometimes answers a channel post without an id: then the next check posts anew.
      if (outcome.ok && outcome.activityId) {
        await deps.bindings.recordPost(binding.conversationId, result.tenant.id, {
          activityId: outcome.activityId,
          at: now,
          runId: result.run.id,
        });
      }
    }
    if (outcome.ok) await deps.bindings.recordDelivered(binding.conversationId, now);
    else {
      await deps.bindings.recordDeliveryError(binding.conversationId, {
        at: now,
        message: outcome.message,
        ...(outcome.status ? { status: outcome.status } : {}),
      });
    }
    deps.logger.info(
      {
        conversationId: binding.conversationId,
        tenantId: result.tenant.id,
        action: decision.action,
        reason: decision.reason,
        ok: outcome.ok,
      },
      'Check result delivered',
    );
  }

  return {
    async checkCompleted(result) {
      try {
        const [bindings, findings] = await Promise.all([
          deps.bindings.forTenant(result.tenant.id),
          deps.findings.list(result.tenant.id),
        ]);
        await Promise.all(bindings.map((b) => deliver(b, result, findings)));
      } catch (err) {
        deps.logger.error({ tenantId: result.tenant.id, err }, 'Notifying about a check failed');
      }
    },
  };
}
