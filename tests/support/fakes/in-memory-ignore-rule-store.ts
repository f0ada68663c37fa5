import type { IgnoreRuleStore, StoredIgnoreRule } from '../../../core/findings/ignore-rule-store';

export class InMemoryIgnoreRuleStore implements IgnoreRuleStore {
  private readonly rules = new Map<string, StoredIgnoreRule>();

  async add(rule: StoredIgnoreRule): Promise<void> {
    if (!this.rules.has(rule.id)) this.rules.set(rule.id, structuredClone(rule));
  }

  async list(tenantId: string): Promise<StoredIgnoreRule[]> {
    return structuredClone(
      [...this.rules.values()]
        .filter((r) => r.tenantId === tenantId)
        .sort((a, b) =>
          a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
        ),
    );
  }
}
