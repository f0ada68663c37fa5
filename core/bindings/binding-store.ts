import type { Binding, ChannelBinding, ConversationRef, DeliveryError, LastPost } from './channel-binding';
import type { ToldFinding } from './notification-log';

/** Taking the right to deliver one run's summary to a conversation (see `claimNotification`). */
export interface NotificationClaimRequest {
  runId: string;
  /** The log revision the decision was made from. */
  rev: number;
  /** Now (ISO): a claim older than its `until` no longer holds. */
  at: string;
  until: string;
}

/** What a delivered summary told the conversation, recorded by the run that claimed it. */
export interface NotifiedRecord {
  runId: string;
  findings: Record<string, ToldFinding>;
  at: string;
  /** The new post, when the summary was a new post that Teams gave an id. */
  post?: LastPost;
}

/** Conversations the bot is installed in and what they are bound to. Implemented over MongoDB. */
export interface BindingStore {
  get(conversationId: string): Promise<ChannelBinding | undefined>;
  list(): Promise<ChannelBinding[]>;
  /** Conversations bound to `tenantId` or to every tenant. */
  forTenant(tenantId: string): Promise<ChannelBinding[]>;
  /** Records (or refreshes) the reference captured on install or from any message; keeps the binding. */
  saveReference(reference: ConversationRef, at: string): Promise<void>;
  /** Binds the conversation (saving its reference too); replaces an earlier binding. */
  bind(reference: ConversationRef, binding: Binding): Promise<void>;
  /** Removes the binding, keeps the reference. False when it was not bound. */
  unbind(conversationId: string): Promise<boolean>;
  /** The bot was removed: forget the conversation. */
  remove(conversationId: string): Promise<void>;
  recordPost(conversationId: string, tenantId: string, post: LastPost): Promise<void>;
  recordDelivered(conversationId: string, at: string): Promise<void>;
  /**
   * Claims the delivery of a run's summary about `tenantId` to the conversation: only while the
   * tenant's log is still at `request.rev` and no other run holds an unexpired claim. False: another
   * run is (or was just) delivering there, so this one must not post the same news again.
   */
  claimNotification(
    conversationId: string,
    tenantId: string,
    request: NotificationClaimRequest,
  ): Promise<boolean>;
  /**
   * After a delivery: replaces the tenant's log with what was told, bumps its revision and frees the
   * claim (and records the new post). Only by the run holding the claim, or when none is held.
   */
  recordNotified(conversationId: string, tenantId: string, record: NotifiedRecord): Promise<boolean>;
  /** A delivery failed: frees the claim so the next check tells the news again. */
  releaseNotification(conversationId: string, tenantId: string, runId: string): Promise<void>;
  recordDeliveryError(conversationId: string, error: DeliveryError): Promise<void>;
}
