import { INVOKE_RESPONSE_KEY, TurnContext, type Activity } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE, cardActivity, type AdaptiveCard } from '../../cards';
import { baseConversationId, type ConversationRef } from '../../core/bindings/channel-binding';
import type { Actor } from '../../core/model';

/** The person acting, by Entra object id; undefined when Teams did not say (then nothing is allowed). */
export function actorOf(activity: Partial<Activity>): Actor | undefined {
  const id = activity.from?.aadObjectId?.trim().toLowerCase();
  if (!id) return undefined;
  return { id, name: activity.from?.name?.slice(0, 100) || 'Someone' };
}

/** The stored, SDK-free reference of the activity's conversation (the channel, not the thread). */
export function conversationRefOf(activity: Partial<Activity>): ConversationRef {
  const reference = TurnContext.getConversationReference(activity);
  const channelData = (activity.channelData ?? {}) as {
    tenant?: { id?: string };
    team?: { id?: string };
    channel?: { id?: string };
  };
  const conversationId = baseConversationId(reference.conversation?.id ?? '');
  return {
    serviceUrl: reference.serviceUrl ?? '',
    channelId: reference.channelId ?? 'msteams',
    conversationId,
    conversationType:
      reference.conversation?.conversationType ?? (channelData.channel ? 'channel' : 'personal'),
    ...(channelData.tenant?.id || reference.conversation?.tenantId
      ? { aadTenantId: channelData.tenant?.id ?? reference.conversation?.tenantId }
      : {}),
    ...(channelData.team?.id ? { teamId: channelData.team.id } : {}),
    bot: { id: reference.bot?.id ?? '', ...(reference.bot?.name ? { name: reference.bot.name } : {}) },
  };
}

/**
 * Answers an Action.Execute ourselves (teams-ai then sends nothing more). A card goes only to the
 * clicker; everyone else gets it by a background update, so a slow connector never delays this.
 */
export async function answerInvoke(ctx: TurnContext, answer: AdaptiveCard | string): Promise<void> {
  const body =
    typeof answer === 'string'
      ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer }
      : { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: answer };
  const activity = { type: 'invokeResponse', value: { status: 200, body } };
  // The CloudAdapter records the response itself; TestAdapter does not, so record it here too.
  ctx.turnState.set(INVOKE_RESPONSE_KEY, activity);
  await ctx.sendActivity(activity);
}

/** A card as a chat reply. */
export async function replyCard(ctx: TurnContext, card: AdaptiveCard): Promise<void> {
  await ctx.sendActivity(cardActivity(card));
}
