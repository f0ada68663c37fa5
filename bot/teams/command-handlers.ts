import type { TurnContext } from 'botbuilder';
import { HELP_COMMANDS, renderHelpCard, renderNotAllowedCard } from '../../cards';
import { ALL_TENANTS, baseConversationId, type ChannelBinding } from '../../core/bindings/channel-binding';
import type { Actor, Tenant } from '../../core/model';
import type { BotDeps } from './bot-deps';
import { findingListCard, portfolioCard, tenantStatusCard } from './card-views';
import { isAdmin } from './authorise';
import type { Command } from './parse-command';
import { actorOf, conversationRefOf, replyCard } from './turn-helpers';

type Resolved = { ok: true; tenant: Tenant } | { ok: false };

/** Runs one parsed chat command and replies in the conversation. */
export async function runCommand(ctx: TurnContext, command: Command, deps: BotDeps): Promise<void> {
  const conversationId = baseConversationId(ctx.activity.conversation.id);
  const binding = await deps.bindings.get(conversationId);
  const actor = actorOf(ctx.activity);
  switch (command.kind) {
    case 'help':
      return replyCard(ctx, renderHelpCard());
    case 'unknown':
      return replyCard(
        ctx,
        renderHelpCard({
          unknownText: command.suggestion
            ? `${command.word} (did you mean "${command.suggestion}"?)`
            : command.word,
        }),
      );
    case 'invalid':
      await ctx.sendActivity(`${command.message} Usage: \`${command.usage}\``);
      return;
    case 'tenants':
      return replyCard(ctx, await portfolioCard(deps));
    case 'status': {
      const target = await targetTenant(ctx, command.tenant, binding, deps);
      if (target === 'all') return replyCard(ctx, await portfolioCard(deps));
      if (target.ok) await replyCard(ctx, await tenantStatusCard(target.tenant, deps));
      return;
    }
    case 'findings': {
      const target = await targetTenant(ctx, command.tenant, binding, deps);
      if (target !== 'all' && !target.ok) return;
      const filterText = [command.minSeverity ? `severity>=${command.minSeverity}` : '', command.state ?? '']
        .filter(Boolean)
        .join(' ');
      return replyCard(
        ctx,
        await findingListCard(
          {
            ...(target === 'all' ? {} : { tenant: target.tenant }),
            ...(command.minSeverity ? { minSeverity: command.minSeverity } : {}),
            ...(command.state ? { state: command.state } : {}),
            offset: 0,
            filterText,
          },
          deps,
        ),
      );
    }
    case 'whoami':
      return whoami(ctx, actor, binding, deps);
    case 'debug':
      return debug(ctx, binding, deps);
    case 'check':
    case 'baseline-capture':
    case 'link':
    case 'unlink':
      return runAdminCommand(ctx, command, actor, binding, deps);
  }
}

async function runAdminCommand(
  ctx: TurnContext,
  command: Extract<Command, { kind: 'check' | 'baseline-capture' | 'link' | 'unlink' }>,
  actor: Actor | undefined,
  binding: ChannelBinding | undefined,
  deps: BotDeps,
): Promise<void> {
  if (!actor || !isAdmin(actor, deps.admins)) {
    return replyCard(
      ctx,
      renderNotAllowedCard({
        attempted: ADMIN_PHRASE[command.kind],
        reason:
          'Only Driftwatch admins (DRIFTWATCH_ADMINS) may do this. "whoami" shows your Entra object id.',
        ...(actor ? { actor } : {}),
      }),
    );
  }
  const now = deps.clock.now().toISOString();
  const conversationId = baseConversationId(ctx.activity.conversation.id);
  switch (command.kind) {
    case 'unlink': {
      const removed = await deps.bindings.unbind(conversationId);
      await ctx.sendActivity(
        removed ? 'Unlinked: no more summaries are posted here.' : 'This conversation was not linked.',
      );
      return;
    }
    case 'link': {
      let tenantId = ALL_TENANTS;
      let label = 'every tenant (portfolio)';
      if ('tenant' in command.target) {
        const target = await resolveNamed(ctx, command.target.tenant, deps);
        if (!target.ok) return;
        tenantId = target.tenant.id;
        label = target.tenant.name;
      }
      const severityFloor = command.minSeverity ?? 'low';
      await deps.bindings.bind(conversationRefOf(ctx.activity), {
        tenantId,
        severityFloor,
        boundBy: actor,
        boundAt: now,
      });
      const floor = severityFloor === 'low' ? '' : ` (severity ${severityFloor} and above)`;
      await ctx.sendActivity(`Linked to ${label}${floor}. Summaries are posted here after each check.`);
      return;
    }
    case 'check': {
      const target = await targetTenant(ctx, command.tenant, binding, deps);
      if (target === 'all') {
        await ctx.sendActivity('Name the tenant to check: `check <tenant>`.');
        return;
      }
      if (!target.ok) return;
      const result = await deps.checks.requestCheck(target.tenant.id, {
        actor,
        conversationId,
        // The thread asked, so the thread gets the answer (a bound channel's new post counts as one).
        replyTo: { reference: conversationRefOf(ctx.activity), conversationId: ctx.activity.conversation.id },
      });
      if (result.started) {
        await ctx.sendActivity(
          `Checking ${target.tenant.name} now (run ${result.runId}). The result is posted here when it is done.`,
        );
      } else if (result.reason === 'already-running') {
        await ctx.sendActivity(
          `A check of ${target.tenant.name} is already running; its result goes to the linked channels and to whoever asked for it.`,
        );
      } else {
        await ctx.sendActivity(`${target.tenant.name} is not registered any more.`);
      }
      return;
    }
    case 'baseline-capture': {
      const target = await targetTenant(ctx, command.tenant, binding, deps);
      if (target === 'all') {
        await ctx.sendActivity('Name the tenant: `baseline capture <tenant>`.');
        return;
      }
      if (!target.ok) return;
      if (!deps.baselineCapturer) {
        await ctx.sendActivity(
          'Capturing a baseline from chat is not available here; use `driftwatch baseline capture`.',
        );
        return;
      }
      const result = await deps.baselineCapturer.capture(target.tenant.id, { actor, conversationId });
      await ctx.sendActivity(
        result.ok
          ? `Captured baseline version ${result.version} of ${target.tenant.name} (${result.objects} objects).`
          : `Could not capture a baseline of ${target.tenant.name}: ${result.message}`,
      );
      return;
    }
  }
}

const ADMIN_PHRASE: Record<'check' | 'baseline-capture' | 'link' | 'unlink', string> = {
  check: 'start a check',
  'baseline-capture': 'capture a baseline',
  link: 'link this conversation to a tenant',
  unlink: 'unlink this conversation',
};

/** The named tenant, else the conversation's bound tenant, else 'all'. Replies itself when unknown. */
async function targetTenant(
  ctx: TurnContext,
  named: string | undefined,
  binding: ChannelBinding | undefined,
  deps: BotDeps,
): Promise<Resolved | 'all'> {
  if (named !== undefined) return resolveNamed(ctx, named, deps);
  const bound = binding?.binding?.tenantId;
  if (!bound || bound === ALL_TENANTS) return 'all';
  const tenant = await deps.tenants.get(bound);
  return tenant ? { ok: true, tenant } : 'all';
}

async function resolveNamed(ctx: TurnContext, named: string, deps: BotDeps): Promise<Resolved> {
  const lookup = await deps.tenants.resolve(named);
  if (lookup.ok) return lookup;
  const shown = named.slice(0, 60).replace(/[*_`<>[\]]/g, '');
  const hint =
    lookup.suggestions.length > 0
      ? ` Did you mean ${lookup.suggestions.map((s) => `"${s}"`).join(' or ')}?`
      : ' "tenants" lists them.';
  await ctx.sendActivity(`I don't know a tenant called "${shown}".${hint}`);
  return { ok: false };
}

async function whoami(
  ctx: TurnContext,
  actor: Actor | undefined,
  binding: ChannelBinding | undefined,
  deps: BotDeps,
) {
  if (!actor) {
    await ctx.sendActivity('Teams did not send your Entra object id, so you can read but not act.');
    return;
  }
  const tenants = await deps.tenants.list();
  const approverOf = tenants
    .filter((t) => t.approvers.some((a) => a.toLowerCase() === actor.id))
    .map((t) => t.name);
  const lines = [
    `You are ${actor.name}, Entra object id ${actor.id}.`,
    isAdmin(actor, deps.admins) ? 'You are a Driftwatch admin.' : 'You are not a Driftwatch admin.',
    approverOf.length > 0 ? `Approver of: ${approverOf.join(', ')}.` : 'You approve no tenant.',
    binding?.binding
      ? `This conversation is linked to ${await boundLabel(binding, deps)}.`
      : 'This conversation is not linked.',
  ];
  await ctx.sendActivity(lines.join('\n\n'));
}

async function boundLabel(binding: ChannelBinding, deps: BotDeps): Promise<string> {
  const id = binding.binding?.tenantId;
  if (!id) return 'nothing';
  if (id === ALL_TENANTS) return 'every tenant (portfolio)';
  return (await deps.tenants.get(id))?.name ?? id;
}

/** What this conversation is bound to and whether posting works, so silent failures become visible. */
async function debug(ctx: TurnContext, binding: ChannelBinding | undefined, deps: BotDeps): Promise<void> {
  if (!binding) {
    await ctx.sendActivity(
      'No reference is stored for this conversation: the bot cannot post here proactively. Remove and add the app again, or run "link <tenant>".',
    );
    return;
  }
  const posts = Object.entries(binding.lastPosts).map(
    ([tenant, post]) => `${tenant}: ${post.activityId} at ${post.at}`,
  );
  const lines = [
    `Conversation: ${binding.conversationId} (${binding.reference.conversationType ?? 'unknown type'})`,
    `Installed: ${binding.installedAt}`,
    `Linked to: ${binding.binding ? `${await boundLabel(binding, deps)}, severity ${binding.binding.severityFloor} and above, by ${binding.binding.boundBy.name}` : 'nothing'}`,
    `Last post: ${posts.length > 0 ? posts.join('; ') : 'none yet'}`,
    `Last delivered: ${binding.lastDeliveredAt ?? 'never'}`,
    `Last delivery error: ${binding.lastDeliveryError ? `${binding.lastDeliveryError.message} at ${binding.lastDeliveryError.at}` : 'none'}`,
    `Help: ${HELP_COMMANDS.length} commands ("help").`,
  ];
  await ctx.sendActivity(lines.join('\n\n'));
}
