import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TenantRead } from './tenant-reader';

/** `scan.json`: the contract `driftwatch diff` and outside tests read (README "driftwatch scan"). */
export interface ScanSummary {
  tenantId: string;
  startedAt: string;
  finishedAt: string;
  graphRequests: number;
  coverage: TenantRead['coverage'];
}

/** Object ids become file names: keep them readable, never let one escape its folder. */
export function fileNameOf(id: string): string {
  return `${id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_')}.json`;
}

/**
 * Writes `<dir>/<policyType>/<id>.json` per object (as read) and `<dir>/scan.json`. Each read type's
 * folder is replaced, so an object deleted since an earlier scan into the same folder does not linger;
 * failed and skipped types get no folder at all.
 */
export async function writeExport(dir: string, read: TenantRead): Promise<ScanSummary> {
  await mkdir(dir, { recursive: true });
  for (const [policyType, coverage] of Object.entries(read.coverage)) {
    const typeDir = join(dir, policyType);
    await rm(typeDir, { recursive: true, force: true });
    if (coverage.status !== 'complete') continue;
    const objects = read.objects[policyType] ?? [];
    if (objects.length === 0) continue;
    await mkdir(typeDir, { recursive: true });
    for (const object of objects) {
      await writeFile(join(typeDir, fileNameOf(String(object.id))), `${JSON.stringify(object, null, 2)}\n`);
    }
  }
  const summary: ScanSummary = {
    tenantId: read.tenantId,
    startedAt: read.startedAt,
    finishedAt: read.finishedAt,
    graphRequests: read.graphRequests,
    coverage: read.coverage,
  };
  await writeFile(join(dir, 'scan.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
