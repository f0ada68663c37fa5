import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import {
  DetailsActionData,
  FindingActionData,
  MoreActionData,
  RefreshActionData,
  TriageActionData,
  renderNotAllowedCard,
  renderStaleCard,
  renderTriageFormCard,
  validateTriageInput,
  type AdaptiveCard,
  type TriageInput,
} from '../../cards';
import { baseConversationId, type ChannelBinding } from '../../core/bindings/channel-binding';
import type { TransitionCommand } from '../../core/findings/transition-command';
import { markFalsePositive } from '../../core/findings/mark-false-positive';
import { acceptFinding } from '../../core/baselines/accept-finding';
import type { Actor, Finding, Tenant } from '../../core/model';
import type { BotDeps } from './bot-deps';
import { mayDecide } from './authorise';
import type { CardUpdater } from './card-updater';
import { detailCard, findingListCard, portfolioCard, summaryCard, tenantStatusCard } from './card-views';
import { actorOf } from './turn-helpers';
import { CARD_FORMAT } from './card-format';

export interface ActionDeps extends BotDeps {
  updater: CardUpdater;
}

const FORGED = 'The card sent data that does not match a finding. Ask for the status again.';

/** A card action answers with a card (for the clicker) or a short message. Never throws for bad input. */
type Answer = AdaptiveCard | string;

function parse<T extends z.ZodTypeAny>(schema: T, raw: unknown): z.infer<T> | undefined {
  const parsed = schema.safeParse(raw);
  return parsed.success ? (parsed.data as z.infer<T>) : undefined;
}

interface Target<T extends FindingActionData = FindingActionData> {
  actor: Actor;
  tenant: Tenant;
  finding: Finding;
  /** The card's parsed data, so callers need not check it again. */
  data: T;
}

/** Who, which tenant and which finding, checked against each other; an answer when that fails. */
async function loadTarget<T extends FindingActionData>(
  ctx: TurnContext,
  data: T | undefined,
  deps: BotDeps,
): Promise<Target<T> | Answer> {
  if (!data) return FORGED;
  const actor = actorOf(ctx.activity);
  if (!actor)
    return renderNotAllowedCard({
      attempted: 'act on findings',
      reason: 'Teams did not send your Entra identity.',
    });
  const [finding, tenant] = await Promise.all([
    deps.stores.findings.get(data.findingId),
    deps.tenants.get(data.tenantId),
  ]);
  // A finding of another tenant than the card claims is a forged or mixed-up card: refuse both ways.
  if (!finding || !tenant || finding.tenantId.toLowerCase() !== tenant.id.toLowerCase()) return FORGED;
  return { actor, tenant, finding, data };
}

function isAnswer<T extends FindingActionData>(value: Target<T> | Answer): value is Answer {
  return typeof value === 'string' || !('finding' in value && 'actor' in value);
}

/**
 * The conversation's binding (read once per action and passed on), or the not-allowed card when this
 * person may not do `kind` here. Opening the triage form and deciding share it, so both refuse alike.
 */
async function authorise(
  ctx: TurnContext,
  target: Target,
  kind: TransitionCommand['kind'],
  attempted: string,
  deps: ActionDeps,
): Promise<{ ok: true; binding: ChannelBinding | undefined } | { ok: false; card: AdaptiveCard }> {
  const { actor, tenant, finding } = target;
  const binding = await deps.bindings.get(baseConversationId(ctx.activity.conversation.id));
  const permission = mayDecide({ actor, tenant, binding, kind, admins: deps.admins });
  if (permission.ok) return { ok: true, binding };
  deps.logger.warn(
    { actor: actor.id, tenantId: tenant.id, findingId: finding.id, kind },
    'Card action refused',
  );
  const card = renderNotAllowedCard({
    attempted,
    reason: permission.reason,
    tenant: { id: tenant.id, name: tenant.name },
    actor,
  });
  return { ok: false, card };
}

/** Applies one decision: authorise, compare versions, transition (audited by the store), update cards. */
async function decide(
  ctx: TurnContext,
  target: Target,
  command: TransitionCommand,
  deps: ActionDeps,
): Promise<Answer> {
  const { actor, tenant, finding } = target;
  const shownVersion = target.data.version;
  const allowed = await authorise(ctx, target, command.kind, ATTEMPTED[command.kind], deps);
  if (!allowed.ok) return allowed.card;
  if (finding.version !== shownVersion) return staleCard(tenant, finding, shownVersion);
  const result = await applyDecision(finding.id, shownVersion, command, actor, deps);
  if (!result.ok) {
    if (result.reason === 'conflict') return staleCard(tenant, result.current, shownVersion);
    return result.message;
  }
  deps.logger.info(
    { actor: actor.id, tenantId: tenant.id, findingId: finding.id, kind: command.kind },
    'Finding decided',
  );
  return cardAfterChange(ctx, tenant, result.finding, allowed.binding, deps);
}

/**
 * Accept (a new baseline version) and false positive (an ignore rule) are core use cases; every other
 * decision is a plain versioned transition. All of them refuse a stale version with a conflict.
 */
function applyDecision(
  findingId: string,
  expectedVersion: number,
  command: TransitionCommand,
  actor: Actor,
  deps: ActionDeps,
) {
  const now = deps.clock.now();
  const input = {
    findingId,
    expectedVersion,
    actor,
    now,
    ...(command.conversationId ? { conversationId: command.conversationId } : {}),
  };
  switch (command.kind) {
    case 'accept':
      return acceptFinding(deps.stores, { ...input, reason: command.reason });
    case 'falsePositive':
      return markFalsePositive(deps.stores, { ...input, reason: command.reason });
    default:
      return deps.stores.findings.transition(findingId, expectedVersion, command, actor, now);
  }
}

function staleCard(tenant: Tenant, current: Finding, shownVersion: number): AdaptiveCard {
  const last = [...current.history].reverse().find((h) => h.actor);
  return renderStaleCard(
    {
      tenant: { id: tenant.id, name: tenant.name },
      finding: { id: current.id, displayName: current.displayName, state: current.state },
      shownVersion,
      currentVersion: current.version,
      ...(last?.actor
        ? {
            lastChange: {
              actor: last.actor,
              action: last.action,
              at: last.at,
              findingName: current.displayName,
            },
          }
        : {}),
    },
    CARD_FORMAT,
  );
}

/**
 * The card after a change: the summary when the click came from the tenant's summary post, else the
 * finding's detail. The clicker gets it at once; everyone else by an update in the background.
 */
async function cardAfterChange(
  ctx: TurnContext,
  tenant: Tenant,
  finding: Finding,
  binding: ChannelBinding | undefined,
  deps: ActionDeps,
): Promise<AdaptiveCard> {
  const replyToId = ctx.activity.replyToId;
  const fromSummary =
    replyToId !== undefined &&
    Object.values(binding?.lastPosts ?? {}).some((p) => p.activityId === replyToId);
  const card = fromSummary
    ? await summaryCard(tenant, deps, binding?.binding ? { floor: binding.binding.severityFloor } : {})
    : detailCard(tenant, finding);
  if (replyToId) deps.updater.updateForEveryone(ctx.activity, replyToId, card);
  return card;
}

const ATTEMPTED: Record<TransitionCommand['kind'], string> = {
  acknowledge: 'acknowledge findings',
  assign: 'take findings',
  unassign: 'unassign findings',
  snooze: 'snooze findings',
  exception: 'record exceptions',
  accept: 'accept changes into the baseline',
  falsePositive: 'mark findings as false positives',
  reopen: 'reopen findings',
};

/** A one-click decision that needs no input: the card's data names the finding and the version shown. */
function oneClick(kind: 'acknowledge' | 'assign') {
  return async (ctx: TurnContext, raw: unknown, deps: ActionDeps): Promise<Answer> => {
    const target = await loadTarget(ctx, parse(FindingActionData, raw), deps);
    if (isAnswer(target)) return target;
    return decide(ctx, target, { kind, conversationId: ctx.activity.conversation.id }, deps);
  };
}

export const acknowledgeAction = oneClick('acknowledge');
export const assignToMeAction = oneClick('assign');

/** Opens the triage form (optionally for one decision). Reading it needs the same link as deciding. */
export async function triageAction(ctx: TurnContext, raw: unknown, deps: ActionDeps): Promise<Answer> {
  const target = await loadTarget(ctx, parse(TriageActionData, raw), deps);
  if (isAnswer(target)) return target;
  const { data } = target;
  const allowed = await authorise(ctx, target, 'acknowledge', 'triage findings', deps);
  if (!allowed.ok) return allowed.card;
  if (target.finding.version !== data.version) return staleCard(target.tenant, target.finding, data.version);
  return renderTriageFormCard(
    {
      tenant: { id: target.tenant.id, name: target.tenant.name },
      finding: target.finding,
      ...(data.decision ? { decision: data.decision } : {}),
      now: deps.clock.now().toISOString(),
    },
    CARD_FORMAT,
  );
}

function commandOf(input: TriageInput, conversationId: string): TransitionCommand {
  const reason = input.reason ?? '';
  const until = input.until ?? '';
  switch (input.decision) {
    case 'investigating':
      return { kind: 'assign', conversationId };
    case 'accepted':
      return { kind: 'accept', reason, conversationId };
    case 'false_positive':
      return { kind: 'falsePositive', reason, conversationId };
    case 'exception':
      return { kind: 'exception', reason, until, conversationId };
    case 'snoozed':
      return { kind: 'snooze', reason, until, conversationId };
  }
}

export async function triageSubmitAction(ctx: TurnContext, raw: unknown, deps: ActionDeps): Promise<Answer> {
  const target = await loadTarget(ctx, parse(FindingActionData, raw), deps);
  if (isAnswer(target)) return target;
  const validation = validateTriageInput(raw, deps.clock.now());
  if (!validation.ok) {
    const decision = parse(TriageActionData, raw)?.decision;
    return renderTriageFormCard(
      {
        tenant: { id: target.tenant.id, name: target.tenant.name },
        finding: target.finding,
        ...(decision ? { decision } : {}),
        now: deps.clock.now().toISOString(),
        errors: validation.errors,
      },
      CARD_FORMAT,
    );
  }
  return decide(ctx, target, commandOf(validation.value, ctx.activity.conversation.id), deps);
}

/** The finding's detail card (read-only: anyone may look). */
export async function detailsAction(ctx: TurnContext, raw: unknown, deps: ActionDeps): Promise<Answer> {
  const target = await loadTarget(ctx, parse(DetailsActionData, raw), deps);
  if (isAnswer(target)) return target;
  return detailCard(target.tenant, target.finding, target.data.changesOffset ?? 0);
}

/** The next page of findings of a tenant, or of every tenant (read-only). */
export async function moreAction(_ctx: TurnContext, raw: unknown, deps: ActionDeps): Promise<Answer> {
  const data = parse(MoreActionData, raw);
  if (!data) return FORGED;
  if (data.tenantId === undefined) return findingListCard({ offset: data.offset }, deps);
  const tenant = await deps.tenants.get(data.tenantId);
  if (!tenant) return FORGED;
  return findingListCard({ tenant, offset: data.offset }, deps);
}

/** Rebuilds a card from current data: Universal Actions' refresh (automatic or "Refresh card"). */
export async function refreshAction(_ctx: TurnContext, raw: unknown, deps: ActionDeps): Promise<Answer> {
  const data = parse(RefreshActionData, raw);
  if (!data) return FORGED;
  if (data.card === 'portfolio') return portfolioCard(deps);
  const tenant = data.tenantId ? await deps.tenants.get(data.tenantId) : undefined;
  if (data.card === 'findings')
    return findingListCard({ ...(tenant ? { tenant } : {}), offset: data.offset ?? 0 }, deps);
  if (!tenant) return FORGED;
  if (data.card === 'status') return tenantStatusCard(tenant, deps);
  if (data.card === 'summary') return summaryCard(tenant, deps);
  const finding = data.findingId ? await deps.stores.findings.get(data.findingId) : undefined;
  if (!finding || finding.tenantId.toLowerCase() !== tenant.id.toLowerCase()) return FORGED;
  return detailCard(tenant, finding);
}
