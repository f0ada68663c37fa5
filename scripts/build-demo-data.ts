import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_TENANTS } from '../sim/demo/demo-tenants';

/**
 * Builds the demo tenants of `npm start` (sim/demo/data) from the real Graph exports in tests/fixtures.
 * Run once by a developer when the fixtures change; the output is committed, so `npm start` reads only
 * sim/demo/data. contoso and fabrikam are copies of one "golden" tenant (other ids, a little drift each),
 * northwind has other policies and no golden baseline.
 */
const root = fileURLToPath(new URL('../', import.meta.url));
const source = join(root, 'tests/fixtures/graph-tenants/3f2b8c1e-6d4a-4f7b-9a1c-2e5d7f8b9c0a');
const out = join(root, 'sim/demo/data');

type GraphObject = Record<string, unknown> & { id: string; displayName?: string; name?: string };

function readType(type: string): GraphObject[] {
  return readdirSync(join(source, type))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(source, type, f), 'utf8')) as GraphObject);
}

/** A deterministic GUID per tenant and original id, so rebuilding gives the same files. */
function idFor(tenant: string, original: string): string {
  const h = createHash('sha256').update(`${tenant}:${original}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function withId(obj: GraphObject, tenant: string): GraphObject {
  const text = JSON.stringify(obj).split(obj.id).join(idFor(tenant, obj.id));
  return JSON.parse(text) as GraphObject;
}

function write(dir: string, type: string, objects: GraphObject[]): void {
  mkdirSync(join(dir, type), { recursive: true });
  for (const obj of objects)
    writeFileSync(join(dir, type, `${obj.id}.json`), JSON.stringify(obj, null, 2) + '\n');
}

const types = readdirSync(source).sort();
const all = Object.fromEntries(types.map((t) => [t, readType(t)])) as Record<string, GraphObject[]>;
const take = (type: string, from: number, to?: number) => (all[type] ?? []).slice(from, to);

// The golden tenant: what an MSP approved once and applies to several customers.
const golden: Record<string, GraphObject[]> = {
  settingsCatalog: take('settingsCatalog', 0, 10),
  compliancePolicy: take('compliancePolicy', 0, 3),
  deviceConfiguration: take('deviceConfiguration', 0, 2),
  endpointSecurityIntent: take('endpointSecurityIntent', 0, 2),
  administrativeTemplate: take('administrativeTemplate', 0, 1),
  conditionalAccessPolicy: take('conditionalAccessPolicy', 0, 5),
  namedLocation: take('namedLocation', 0, 3),
};

function copyOf(tenant: string): Record<string, GraphObject[]> {
  return Object.fromEntries(
    Object.entries(golden).map(([t, objs]) => [t, objs.map((o) => withId(o, tenant))]),
  );
}

rmSync(out, { recursive: true, force: true });
const [contoso, fabrikam, northwind] = DEMO_TENANTS;

for (const [type, objs] of Object.entries(golden)) write(join(out, 'golden'), type, objs);

// contoso: legacy authentication is no longer blocked (a CA policy switched to report-only).
const c = copyOf(contoso.id);
const legacy = c.conditionalAccessPolicy?.find((p) => String(p.displayName).includes('LegacyAuthentication'));
if (legacy) legacy.state = 'enabledForReportingButNotEnforced';
const compliance = c.compliancePolicy?.[0];
if (compliance) compliance.passwordMinimumLength = 4;
for (const [type, objs] of Object.entries(c)) write(join(out, 'tenants', contoso.id), type, objs);

// fabrikam: one settings-catalog policy deleted, one extra device configuration added.
const f = copyOf(fabrikam.id);
f.settingsCatalog = f.settingsCatalog?.slice(1) ?? [];
f.deviceConfiguration = [
  ...(f.deviceConfiguration ?? []),
  ...take('deviceConfiguration', 2).map((o) => withId(o, fabrikam.id)),
];
for (const [type, objs] of Object.entries(f)) write(join(out, 'tenants', fabrikam.id), type, objs);

// northwind: its own policies, no golden baseline (its first read becomes its baseline).
const n: Record<string, GraphObject[]> = {
  settingsCatalog: take('settingsCatalog', 10, 24).map((o) => withId(o, northwind.id)),
  compliancePolicy: take('compliancePolicy', 1, 3).map((o) => withId(o, northwind.id)),
  conditionalAccessPolicy: take('conditionalAccessPolicy', 2, 5).map((o) => withId(o, northwind.id)),
  namedLocation: take('namedLocation', 0, 2).map((o) => withId(o, northwind.id)),
};
for (const [type, objs] of Object.entries(n)) write(join(out, 'tenants', northwind.id), type, objs);

for (const licence of readdirSync(join(source, '..')).filter((f) => f.startsWith('LICENSE'))) {
  copyFileSync(join(source, '..', licence), join(out, licence));
}
writeFileSync(
  join(out, 'SOURCES.md'),
  `# Demo tenants

Built by \`scripts/build-demo-data.ts\` from the real Graph (beta) exports in tests/fixtures/graph-tenants
(see its SOURCES.md; publishers' MIT licences beside this file). Object ids are replaced by
deterministic GUIDs per tenant; contoso and fabrikam are copies of \`golden/\` with a little drift each.
`,
);
console.log(`Wrote demo data for ${DEMO_TENANTS.map((t) => t.name).join(', ')} and the golden tenant`);
