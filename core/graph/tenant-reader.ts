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

/** How core reads a tenant's configuration. The Graph implementation is `createGraphTenantReader`. */
export interface TenantReader {
  read(tenantId: string, options?: ReadOptions): Promise<TenantRead>;
}
