import type { Binding, ChannelBinding, ConversationRef, DeliveryError, LastPost } from './channel-binding';

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
  recordDeliveryError(conversationId: string, error: DeliveryError): Promise<void>;
}
