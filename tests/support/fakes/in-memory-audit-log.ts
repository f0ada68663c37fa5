import type { AuditEntry } from '../../../core/findings/audit-entry';
import type { AuditLog, AuditQuery } from '../../../core/findings/audit-log';

export class InMemoryAuditLog implements AuditLog {
  private readonly entries = new Map<string, AuditEntry>();

  async append(entries: readonly AuditEntry[]): Promise<void> {
    for (const entry of entries) {
      if (!this.entries.has(entry.id)) this.entries.set(entry.id, structuredClone(entry));
    }
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const matching = [...this.entries.values()]
      .filter((e) => query.tenantId === undefined || e.tenantId === query.tenantId)
      .filter((e) => query.findingId === undefined || e.findingId === query.findingId)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.findingVersion - b.findingVersion));
    return structuredClone(matching.slice(0, query.limit ?? matching.length));
  }
}
