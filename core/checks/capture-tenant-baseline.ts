import { randomUUID } from 'node:crypto';
import type { BaselineStore } from '../baselines/baseline-store';
import { captureBaseline } from '../baselines/capture-baseline';
import type { Clock } from '../clock';
import type { TenantReader } from '../graph/tenant-reader';
import type { Actor } from '../model';
import type { TenantDirectory } from '../tenants/tenant-directory';
import type { CheckLeaseStore } from './check-lease-store';
import { normaliseRead } from './check-tenant';

export interface CaptureDeps {
  tenants: TenantDirectory;
  reader: TenantReader;
  baselines: BaselineStore;
  leases: CheckLeaseStore;
  clock: Clock;
  holder: string;
  leaseTtlMs?: number;
}

export type CaptureResult = { ok: true; version: number; objects: number } | { ok: false; message: string };

/**
 * Makes the tenant's current configuration its new baseline version. Only from a complete read (a
 * partial one would turn unread types into "missing"), and under the tenant's check lease.
 */
export async function captureTenantBaseline(
  deps: CaptureDeps,
  tenantId: string,
  request: { actor: Actor | null; note?: string },
): Promise<CaptureResult> {
  const tenant = await deps.tenants.get(tenantId);
  if (!tenant) return { ok: false, message: `No tenant ${tenantId} is registered.` };
  const runId = `capture-${randomUUID()}`;
  const now = deps.clock.now();
  const lease = await deps.leases.acquire(
    {
      tenantId: tenant.id,
      holder: deps.holder,
      runId,
      expiresAt: new Date(now.getTime() + (deps.leaseTtlMs ?? 300_000)),
    },
    now,
  );
  if (!lease.acquired)
    return { ok: false, message: `A check of ${tenant.name} is running; capture again when it finishes.` };
  try {
    const types = tenant.policyTypes && tenant.policyTypes.length > 0 ? tenant.policyTypes : undefined;
    const read = await deps.reader.read(tenant.id, { types });
    const failed = Object.entries(read.coverage).filter(([, c]) => c.status === 'failed');
    if (failed.length > 0) {
      const list = failed.map(([type, c]) => `${type} (${c.reason ?? 'failed'})`).join('; ');
      return { ok: false, message: `Not captured: some policy types could not be read completely: ${list}` };
    }
    const complete = new Set(
      Object.entries(read.coverage)
        .filter(([, c]) => c.status === 'complete')
        .map(([t]) => t),
    );
    const objects = normaliseRead(read, complete);
    for (let attempt = 0; attempt < 3; attempt++) {
      const previous = await deps.baselines.current(tenant.id);
      const baseline = captureBaseline(
        tenant.id,
        objects,
        { kind: 'tenant', ref: tenant.id },
        request.actor,
        deps.clock.now(),
        previous,
      );
      if (request.note) baseline.note = request.note;
      const saved = await deps.baselines.save(baseline);
      if (saved.ok) return { ok: true, version: baseline.version, objects: objects.length };
    }
    return { ok: false, message: 'Not captured: the baseline kept changing meanwhile; try again.' };
  } finally {
    await deps.leases.release(tenant.id, runId, deps.clock.now());
  }
}
