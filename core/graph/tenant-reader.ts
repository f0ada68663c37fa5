import type { Coverage } from '../model';

export interface ReadProgress {
  policyType: string;
  status: 'started' | 'complete' | 'failed' | 'skipped';
  objects: number;
}

export interface ReadOptions {
  /** Registry keys to read; all registry types when omitted. */
  types?: string[];
  onProgress?: (e: ReadProgress) => void;
  signal?: AbortSignal;
}

/** One read of a tenant: raw objects as Graph returned them (follow-up reads merged in), per type. */
export interface TenantRead {
  tenantId: string;
  startedAt: string;
  finishedAt: string;
  /** Graph requests made, every `$batch` sub-request counted as one (Graph's quotas count them so). */
  graphRequests: number;
  /** Per type: complete, failed (reason) or skipped (reason). Failed and skipped types carry no objects. */
  coverage: Coverage;
  objects: Record<string, Record<string, unknown>[]>;
}

/** One change in Intune's audit log, reduced to what attribution needs. */
export interface AuditEvent {
  /** Ids of the objects it touched (`resources[].resourceId`). */
  resourceIds: string[];
  /** User principal name, or the app's name for an app-only change. */
  by: string;
  /** The app the change was made through, when a user made it. */
  via?: string;
  at: string;
  activity?: string;
}

/** The audit log since a moment; `unavailable` (no permission, an error) is never a check failure. */
export interface AuditRead {
  status: 'complete' | 'unavailable';
  events: AuditEvent[];
  graphRequests: number;
  reason?: string;
}

/** How core reads a tenant's configuration. The Graph implementation is `createGraphTenantReader`. */
export interface TenantReader {
  read(tenantId: string, options?: ReadOptions): Promise<TenantRead>;
  /** Intune's audit log of changes (not reads) since `since`; absent on readers without one. */
  readAuditEvents?(tenantId: string, since: Date, options?: { signal?: AbortSignal }): Promise<AuditRead>;
}
