import type { BindingStore } from '../../../core/bindings/binding-store';
import { ALL_TENANTS, lastPostKey, type ChannelBinding } from '../../../core/bindings/channel-binding';

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
  async recordDelivered(conversationId: string, at: string) {
    const existing = this.items.get(conversationId);
    if (existing) existing.lastDeliveredAt = at;
  }
  async recordDeliveryError(conversationId: string, error: NonNullable<ChannelBinding['lastDeliveryError']>) {
    const existing = this.items.get(conversationId);
    if (existing) existing.lastDeliveryError = error;
  }
}
