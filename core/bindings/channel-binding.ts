import type { Actor, Severity } from '../model';
import type { NotificationLog } from './notification-log';

/** Bound to every tenant: a portfolio (NOC) channel. */
export const ALL_TENANTS = '*';

/**
 * Where the bot can post proactively: the plain-data part of a Bot Framework conversation reference
 * (core knows no SDK types). `conversationId` is the channel or chat id, never a thread id.
 */
export interface ConversationRef {
  serviceUrl: string;
  channelId: string;
  conversationId: string;
  conversationType?: string;
  /** The Teams (Entra) tenant the conversation lives in: the MSP's, not a customer's. */
  aadTenantId?: string;
  teamId?: string;
  bot: { id: string; name?: string };
}

/** What a conversation is bound to and how loud it wants to be. */
export interface Binding {
  /** A customer tenant id, or ALL_TENANTS. */
  tenantId: string;
  /** Lowest severity that makes a post. */
  severityFloor: Severity;
  boundBy: Actor;
  boundAt: string;
}

/** The last summary card posted for one tenant, updated in place until news makes a new post. */
export interface LastPost {
  activityId: string;
  at: string;
  runId: string;
  /** What the post announced; an in-place update keeps saying it ("last checked" changes, the news stays). */
  news?: PostNews;
}

export interface PostNews {
  newIds: string[];
  reopenedIds: string[];
  changedIds: string[];
  resolved: number;
}

export interface DeliveryError {
  at: string;
  message: string;
  status?: number;
}

/** One conversation the bot is installed in, with its binding (if any) and delivery health. */
export interface ChannelBinding {
  conversationId: string;
  reference: ConversationRef;
  installedAt: string;
  binding?: Binding;
  /** By customer tenant id (a portfolio channel has one per tenant). */
  lastPosts: Record<string, LastPost>;
  /** What this conversation has been told, by customer tenant id (keyed like `lastPosts`). */
  told?: Record<string, NotificationLog>;
  lastDeliveredAt?: string;
  lastDeliveryError?: DeliveryError;
}

/** The base conversation of a channel thread ("19:x@thread.tacv2;messageid=1" → "19:x@thread.tacv2"). */
export function baseConversationId(conversationId: string): string {
  const cut = conversationId.indexOf(';');
  return cut < 0 ? conversationId : conversationId.slice(0, cut);
}

/** Does this binding take posts about `tenantId` at `severity`? */
export function bindingCovers(binding: Binding, tenantId: string): boolean {
  return binding.tenantId === ALL_TENANTS || binding.tenantId === tenantId;
}

/** The key of a tenant in `lastPosts` and `told`: free of the characters MongoDB reserves in field names. */
export function lastPostKey(tenantId: string): string {
  return tenantId.replace(/[.$]/g, '_');
}
