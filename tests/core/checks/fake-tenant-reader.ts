import type { ReadOptions, TenantRead, TenantReader } from '../../../core/graph/tenant-reader';
import type { Coverage } from '../../../core/model';

/**
 * A TenantReader over plain data: per tenant, per policy type, the raw Graph objects or a failure.
 * `hold()` makes the next reads wait until released, to catch a check mid-run.
 */
export class FakeTenantReader implements TenantReader {
  readonly tenants = new Map<string, Record<string, Record<string, unknown>[]>>();
  readonly failures = new Map<string, string>();
  reading = 0;
  maxReading = 0;
  private gate: Promise<void> | undefined;
  private open: () => void = () => undefined;

  set(tenantId: string, objects: Record<string, Record<string, unknown>[]>): void {
    this.tenants.set(tenantId, structuredClone(objects));
  }

  /** The next reads wait (abortably) until `release()`; resolves the promise once one is waiting. */
  hold(): { waiting: Promise<void>; release: () => void } {
    let signalWaiting: () => void = () => undefined;
    const waiting = new Promise<void>((r) => (signalWaiting = r));
    this.gate = new Promise<void>((r) => (this.open = r));
    this.onWait = signalWaiting;
    return {
      waiting,
      release: () => {
        this.gate = undefined;
        this.open();
      },
    };
  }
  private onWait: () => void = () => undefined;

  async read(tenantId: string, options: ReadOptions = {}): Promise<TenantRead> {
    this.reading++;
    this.maxReading = Math.max(this.maxReading, this.reading);
    try {
      if (this.gate) {
        this.onWait();
        await abortable(this.gate, options.signal);
      }
      const data = this.tenants.get(tenantId) ?? {};
      const coverage: Coverage = {};
      const objects: Record<string, Record<string, unknown>[]> = {};
      for (const type of options.types ?? Object.keys(data)) {
        const failure = this.failures.get(type);
        objects[type] = failure ? [] : structuredClone(data[type] ?? []);
        coverage[type] = failure
          ? { status: 'failed', objects: 0, reason: failure }
          : { status: 'complete', objects: objects[type].length };
        options.onProgress?.({
          policyType: type,
          status: coverage[type].status,
          objects: coverage[type].objects,
        });
      }
      const at = new Date(0).toISOString();
      return {
        tenantId,
        startedAt: at,
        finishedAt: at,
        graphRequests: Object.keys(coverage).length,
        coverage,
        objects,
      };
    } finally {
      this.reading--;
    }
  }
}

function abortable(p: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return p;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    p.then(resolve, reject);
  });
}

/** A Windows compliance policy as Graph returns it. */
export function compliancePolicy(id: string, displayName: string, extra: Record<string, unknown> = {}) {
  return {
    '@odata.type': '#microsoft.graph.windows10CompliancePolicy',
    id,
    displayName,
    passwordRequired: true,
    bitLockerEnabled: true,
    assignments: [],
    scheduledActionsForRule: [],
    ...extra,
  };
}

/** A country named location as Graph returns it. */
export function namedLocation(id: string, displayName: string, countries: string[]) {
  return {
    '@odata.type': '#microsoft.graph.countryNamedLocation',
    id,
    displayName,
    countriesAndRegions: countries,
    includeUnknownCountriesAndRegions: false,
  };
}
