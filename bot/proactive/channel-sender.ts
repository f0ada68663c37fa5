import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { ConversationRef } from '../../core/bindings/channel-binding';
import { checkServiceUrl } from './service-url-policy';
import { RateLimiter, type Sleep } from './rate-limiter';
import { DEFAULT_RETRY, statusOf, withRetry, type RetryPolicy } from './retry';

export type SendOutcome =
  { ok: true; activityId?: string } | { ok: false; message: string; status?: number; retryable: boolean };

/** Sends to a conversation outside any turn: allow-listed, rate-limited, retried. */
export interface ChannelSender {
  /** A new top-level post (a new thread in a channel). */
  post(ref: ConversationRef, activity: Partial<Activity>): Promise<SendOutcome>;
  /** Replaces an earlier message in place. `conversationId` may be a thread id. */
  update(
    ref: ConversationRef,
    activityId: string,
    activity: Partial<Activity>,
    conversationId?: string,
  ): Promise<SendOutcome>;
}

export interface ChannelSenderDeps {
  adapter: CloudAdapter;
  botAppId: string;
  authEnabled: boolean;
  clock: Clock;
  logger: Logger;
  sleep: Sleep;
  retry?: RetryPolicy;
}

/** Teams: 7 messages per second per conversation, 30 requests per second per app per tenant. */
const PER_CONVERSATION = 7;
const PER_TENANT = 30;

/** The Bot Framework reference for a stored, plain-data one. */
export function toConversationReference(
  ref: ConversationRef,
  conversationId = ref.conversationId,
): Partial<ConversationReference> {
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    bot: { id: ref.bot.id, name: ref.bot.name ?? '' },
    conversation: {
      id: conversationId,
      isGroup: ref.conversationType !== 'personal',
      conversationType: ref.conversationType ?? 'channel',
      tenantId: ref.aadTenantId,
      name: '',
    },
  };
}

export function createChannelSender(deps: ChannelSenderDeps): ChannelSender {
  const perConversation = new RateLimiter(PER_CONVERSATION, 1000, deps.clock, deps.sleep);
  const perTenant = new RateLimiter(PER_TENANT, 1000, deps.clock, deps.sleep);

  async function send(
    ref: ConversationRef,
    conversationId: string,
    what: 'post' | 'update',
    act: (ctx: {
      sendActivity(a: Partial<Activity>): Promise<{ id?: string } | undefined>;
      updateActivity(a: Partial<Activity>): Promise<unknown>;
    }) => Promise<string | undefined>,
  ): Promise<SendOutcome> {
    const verdict = checkServiceUrl(ref.serviceUrl, { authEnabled: deps.authEnabled });
    if (!verdict.ok) {
      deps.logger.warn({ conversationId, reason: verdict.reason }, 'Proactive send refused');
      return { ok: false, message: verdict.reason, retryable: false };
    }
    const log = deps.logger.child({ conversationId, what });
    try {
      const activityId = await withRetry(
        async () => {
          await perConversation.acquire(ref.conversationId);
          await perTenant.acquire(ref.aadTenantId ?? '');
          let id: string | undefined;
          let failure: { err: unknown } | undefined;
          await deps.adapter.continueConversationAsync(
            deps.botAppId,
            toConversationReference(ref, conversationId),
            async (ctx) => {
              dropSdkRetries(ctx.turnState.get(deps.adapter.ConnectorClientKey));
              // Caught here, not thrown: the adapter's onTurnError would swallow it and hide the failure.
              try {
                id = await act(ctx);
              } catch (err) {
                failure = { err };
              }
            },
          );
          if (failure) throw failure.err;
          return id;
        },
        deps.sleep,
        deps.retry ?? DEFAULT_RETRY,
        (err, attempt, delayMs) =>
          log.warn({ status: statusOf(err), attempt, delayMs }, 'Connector refused; retrying'),
      );
      return activityId === undefined ? { ok: true } : { ok: true, activityId };
    } catch (err) {
      const status = statusOf(err);
      log.warn({ status, err: err instanceof Error ? err.message : String(err) }, 'Proactive send failed');
      return {
        ok: false,
        message: status ? `the connector answered ${status}` : 'the connector could not be reached',
        ...(status ? { status } : {}),
        retryable: false,
      };
    }
  }

  return {
    post(ref, activity) {
      return send(ref, ref.conversationId, 'post', async (ctx) => (await ctx.sendActivity(activity))?.id);
    },
    update(ref, activityId, activity, conversationId) {
      return send(ref, conversationId ?? threadIdOf(ref, activityId), 'update', async (ctx) => {
        await ctx.updateActivity({ ...activity, id: activityId });
        return activityId;
      });
    },
  };
}

/** A channel post lives in its own thread; its conversation id carries the message id. */
function threadIdOf(ref: ConversationRef, activityId: string): string {
  return ref.conversationType === 'channel'
    ? `${ref.conversationId};messageid=${activityId}`
    : ref.conversationId;
}

/**
 * The connector client retries 5xx and 429 itself (three times, seconds apart, not 412). Outside a
 * turn our own policy is the only one, so timing stays bounded and Retry-After is honoured once.
 */
function dropSdkRetries(connector: unknown): void {
  const pipeline = (connector as { client?: { pipeline?: { removePolicy(p: { name: string }): unknown } } })
    ?.client?.pipeline;
  pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}
