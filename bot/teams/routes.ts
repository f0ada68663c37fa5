import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { Verb, cardActivity } from '../../cards';
import { ALL_TENANTS, baseConversationId, type Binding } from '../../core/bindings/channel-binding';
import {
  acknowledgeAction,
  assignToMeAction,
  detailsAction,
  moreAction,
  refreshAction,
  triageAction,
  triageSubmitAction,
  type ActionDeps,
} from './card-actions';
import { runCommand } from './command-handlers';
import { parseCommand } from './parse-command';
import { answerInvoke, conversationRefOf } from './turn-helpers';

type Action = (
  ctx: TurnContext,
  data: unknown,
  deps: ActionDeps,
) => Promise<import('../../cards').AdaptiveCard | string>;

/** Every Action.Execute verb and its handler: the contract test checks this against the templates. */
export const ACTION_ROUTES: Readonly<Record<Verb, Action>> = {
  [Verb.Acknowledge]: acknowledgeAction,
  [Verb.Triage]: triageAction,
  [Verb.TriageSubmit]: triageSubmitAction,
  [Verb.AssignToMe]: assignToMeAction,
  [Verb.Details]: detailsAction,
  [Verb.More]: moreAction,
  [Verb.Refresh]: refreshAction,
};

/** The one ordered route table: installs, card actions, their Submit fallbacks, chat, then catch-alls. */
export function registerRoutes(app: Application<TurnState>, deps: ActionDeps): void {
  app.activity(ActivityTypes.InstallationUpdate, async (ctx) => onInstallationUpdate(ctx, deps));
  app.conversationUpdate('membersAdded', async (ctx) => onMembersAdded(ctx, deps));

  for (const [verb, action] of Object.entries(ACTION_ROUTES)) {
    app.adaptiveCards.actionExecute(verb, async (ctx, _state, data) => {
      await answerInvoke(ctx, await action(ctx, data, deps));
      return '';
    });
    // Clients without Universal Actions send Action.Submit with data.verb: reply with a new message.
    app.adaptiveCards.actionSubmit(verb, async (ctx, _state, data) => {
      const answer = await action(ctx, data, deps);
      await ctx.sendActivity(typeof answer === 'string' ? answer : cardActivity(answer));
    });
  }

  app.message(/[\s\S]*/, async (ctx) => runCommand(ctx, parseCommand(ctx.activity.text ?? ''), deps));
  // Last on purpose: an invoke nobody routed gets a clear error body, never an HTTP 501.
  app.activity(ActivityTypes.Invoke, async (ctx) => {
    const body = {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: 'This action is not supported.' },
    };
    await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
  });
}

async function onInstallationUpdate(ctx: TurnContext, deps: ActionDeps): Promise<void> {
  const conversationId = baseConversationId(ctx.activity.conversation.id);
  const action = ctx.activity.action ?? '';
  if (action.startsWith('remove')) {
    await deps.bindings.remove(conversationId);
    deps.logger.info({ conversationId }, 'Bot removed: conversation forgotten');
    return;
  }
  await deps.bindings.saveReference(conversationRefOf(ctx.activity), deps.clock.now().toISOString());
  deps.logger.info({ conversationId }, 'Bot installed: reference stored');
}

async function onMembersAdded(ctx: TurnContext, deps: ActionDeps): Promise<void> {
  const botId = ctx.activity.recipient.id;
  if (!(ctx.activity.membersAdded ?? []).some((m) => m.id === botId)) return;
  await deps.bindings.saveReference(conversationRefOf(ctx.activity), deps.clock.now().toISOString());
  const bound = (await deps.bindings.get(baseConversationId(ctx.activity.conversation.id)))?.binding;
  // A re-install into a conversation that is already linked keeps its link: say so, don't ask again.
  await ctx.sendActivity(bound ? await linkedGreeting(bound, deps) : UNLINKED_GREETING);
}

const UNLINKED_GREETING =
  'Driftwatch is here. An admin can run "link <tenant>" to post that tenant\'s drift summaries in this conversation; "help" lists everything.';

async function linkedGreeting(bound: Binding, deps: ActionDeps): Promise<string> {
  const which =
    bound.tenantId === ALL_TENANTS
      ? 'every tenant'
      : ((await deps.tenants.get(bound.tenantId))?.name ?? bound.tenantId);
  return `Driftwatch is here. This conversation gets drift summaries for ${which} (${bound.severityFloor} and above); "help" lists everything.`;
}
