import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type GraphObject = Record<string, unknown>;

/** Decodes an export file: UTF-16LE with BOM (IntuneManagement) or UTF-8 with or without BOM. */
export function decodeJson(buf: Buffer): unknown {
  const text =
    buf[0] === 0xff && buf[1] === 0xfe ? buf.subarray(2).toString('utf16le') : buf.toString('utf8');
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}

/** The objects of every simulated tenant: tenant id → policy type → object id → object as Graph returns it. */
export class TenantData {
  private readonly tenants = new Map<string, Map<string, Map<string, GraphObject>>>();

  hasTenant(tenantId: string): boolean {
    return this.tenants.has(tenantId.toLowerCase());
  }

  tenantIds(): string[] {
    return [...this.tenants.keys()];
  }

  addTenant(tenantId: string): void {
    const key = tenantId.toLowerCase();
    if (!this.tenants.has(key)) this.tenants.set(key, new Map());
  }

  objects(tenantId: string, policyType: string): GraphObject[] {
    return [...(this.tenants.get(tenantId.toLowerCase())?.get(policyType)?.values() ?? [])];
  }

  find(tenantId: string, policyType: string, id: string): GraphObject | undefined {
    return this.tenants.get(tenantId.toLowerCase())?.get(policyType)?.get(id);
  }

  upsert(tenantId: string, policyType: string, object: GraphObject): void {
    const id = object.id;
    if (typeof id !== 'string' || id === '') throw new Error('a Graph object needs a string "id"');
    this.addTenant(tenantId);
    const tenant = this.tenants.get(tenantId.toLowerCase()) as Map<string, Map<string, GraphObject>>;
    let byId = tenant.get(policyType);
    if (!byId) tenant.set(policyType, (byId = new Map()));
    byId.set(id, structuredClone(object));
  }

  remove(tenantId: string, policyType: string, id: string): boolean {
    return this.tenants.get(tenantId.toLowerCase())?.get(policyType)?.delete(id) ?? false;
  }

  counts(tenantId: string): Record<string, number> {
    const tenant = this.tenants.get(tenantId.toLowerCase());
    return Object.fromEntries([...(tenant?.entries() ?? [])].map(([t, m]) => [t, m.size]));
  }
}

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/**
 * Loads `<dir>/<tenantId>/<policyType>/<file>.json` (the layout `driftwatch scan` writes). Files
 * without an `id` are skipped; `scan.json` and other top-level files are ignored.
 */
export async function loadTenantFolders(dir: string, data = new TenantData()): Promise<TenantData> {
  for (const tenantId of await readdir(dir)) {
    const tenantDir = join(dir, tenantId);
    if (!(await isDir(tenantDir))) continue;
    data.addTenant(tenantId);
    for (const policyType of await readdir(tenantDir)) {
      const typeDir = join(tenantDir, policyType);
      if (!(await isDir(typeDir))) continue;
      for (const file of (await readdir(typeDir)).filter((f) => f.endsWith('.json')).sort()) {
        const object = decodeJson(await readFile(join(typeDir, file)));
        if (object && typeof object === 'object' && typeof (object as GraphObject).id === 'string') {
          data.upsert(tenantId, policyType, object as GraphObject);
        }
      }
    }
  }
  return data;
}
