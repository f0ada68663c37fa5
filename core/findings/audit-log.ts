import type { AuditEntry } from './audit-entry';

export interface AuditQuery {
  tenantId?: string;
  findingId?: string;
  limit?: number;
}

/** Append-only record of every finding transition, by people and by checks. */
export interface AuditLog {
  /** Idempotent per entry id: appending the same entry twice keeps one. */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** Oldest first (by time, then finding version). */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}
