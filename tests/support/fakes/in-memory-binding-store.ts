import type {
  BindingStore,
  NotificationClaimRequest,
  NotifiedRecord,
} from '../../../core/bindings/binding-store';
import { ALL_TENANTS, lastPostKey, type ChannelBinding } from '../../../core/bindings/channel-binding';
import { claimHeld, EMPTY_LOG, type NotificationLog } from '../../../core/bindings/notification-log';

/** The in-memory counterpart of createMongoBindingStore(db), for turn tests. */
export class InMemoryBindingStore implements BindingStore {
  private readonly items = new Map<string, ChannelBinding>();

  async get(conversationId: string) {
    const found = this.items.get(conversationId);
    return found && structuredClone(found);
  }
  async list() {
    return [...this.items.values()].map((b) => structuredClone(b));
  }
  async forTenant(tenantId: string) {
    return (await this.list()).filter(
      (b) => b.binding?.tenantId === tenantId || b.binding?.tenantId === ALL_TENANTS,
    );
  }
  async saveReference(reference: ChannelBinding['reference'], at: string) {
    const existing = this.items.get(reference.conversationId);
    this.items.set(
      reference.conversationId,
      existing
        ? { ...existing, reference }
        : { conversationId: reference.conversationId, reference, installedAt: at, lastPosts: {} },
    );
  }
  async bind(reference: ChannelBinding['reference'], binding: NonNullable<ChannelBinding['binding']>) {
    await this.saveReference(reference, binding.boundAt);
    const existing = this.items.get(reference.conversationId);
    if (existing) existing.binding = binding;
  }
  async unbind(conversationId: string) {
    const existing = this.items.get(conversationId);
    if (!existing?.binding) return false;
    delete existing.binding;
    existing.lastPosts = {};
    existing.told = {};
    return true;
  }
  async remove(conversationId: string) {
    this.items.delete(conversationId);
  }
  async recordPost(conversationId: string, tenantId: string, post: ChannelBinding['lastPosts'][string]) {
    const existing = this.items.get(conversationId);
    if (!existing) return;
    existing.lastPosts[lastPostKey(tenantId)] = post;
    existing.lastDeliveredAt = post.at;
  }
  private log(conversationId: string, tenantId: string): NotificationLog | undefined {
    const existing = this.items.get(conversationId);
    if (!existing) return undefined;
    const told = (existing.told ??= {});
    return (told[lastPostKey(tenantId)] ??= structuredClone(EMPTY_LOG));
  }
  async claimNotification(conversationId: string, tenantId: string, request: NotificationClaimRequest) {
    const log = this.log(conversationId, tenantId);
    if (!log || log.rev !== request.rev || claimHeld(log.claim, request.at)) return false;
    log.claim = { runId: request.runId, until: request.until };
    return true;
  }
  async recordNotified(conversationId: string, tenantId: string, record: NotifiedRecord) {
    const existing = this.items.get(conversationId);
    const log = this.log(conversationId, tenantId);
    if (!existing || !log || (log.claim && log.claim.runId !== record.runId)) return false;
    log.findings = structuredClone(record.findings);
    log.rev += 1;
    delete log.claim;
    if (record.post) existing.lastPosts[lastPostKey(tenantId)] = record.post;
    existing.lastDeliveredAt = record.at;
    return true;
  }
  async releaseNotification(conversationId: string, tenantId: string, runId: string) {
    const log = this.log(conversationId, tenantId);
    if (log?.claim?.runId === runId) delete log.claim;
  }
  async recordDelivered(conversationId: string, at: string) {
    const existing = this.items.get(conversationId);
    if (existing) existing.lastDeliveredAt = at;
  }
  async recordDeliveryError(conversationId: string, error: NonNullable<ChannelBinding['lastDeliveryError']>) {
    const existing = this.items.get(conversationId);
    if (existing) existing.lastDeliveryError = error;
  }
}
