import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../../core/logger';
import { DEMO_TENANTS } from '../../../sim/demo/demo-tenants';
import { DEMO_CHANGES, createDriftDriver } from '../../../sim/demo/drift-driver';
import { startGraphSimulator, type GraphSimulator } from '../../../sim/graph/server';

const TENANTS_DIR = fileURLToPath(new URL('../../../sim/demo/data/tenants/', import.meta.url));
let sim: GraphSimulator;

beforeAll(async () => {
  sim = await startGraphSimulator({ tenantsDir: TENANTS_DIR, ca: inject('graphSimCa') });
});
afterAll(() => sim.close());

function snapshot() {
  return Object.fromEntries(
    DEMO_TENANTS.flatMap((t) =>
      ['conditionalAccessPolicy', 'compliancePolicy'].map((type) => [
        `${t.name}/${type}`,
        // By id: a restored object comes back at the end of the list, as in Graph.
        [...sim.control.objects(t.id, type)].sort((a, b) => String(a['id']).localeCompare(String(b['id']))),
      ]),
    ),
  );
}

describe('the demo drift driver', () => {
  it('makes each change in turn, then undoes each, leaving the tenants as shipped', () => {
    const shipped = structuredClone(snapshot());
    const driver = createDriftDriver(sim.control, silentLogger);
    const said = Array.from({ length: DEMO_CHANGES.length * 2 }, () => driver.step());

    expect(said.map((s) => s?.tenant)).toEqual([
      ...DEMO_CHANGES.map((c) => c.tenant),
      ...DEMO_CHANGES.map((c) => c.tenant),
    ]);
    expect(said.slice(DEMO_CHANGES.length).every((s) => s?.description.startsWith('put back:'))).toBe(true);
    expect(snapshot()).toEqual(shipped);
  });

  it("switches contoso's MFA policy to report-only, then narrows, deletes and restores as the story says", () => {
    const contoso = DEMO_TENANTS.find((t) => t.name === 'contoso')?.id ?? '';
    const mfa = () =>
      sim.control
        .objects(contoso, 'conditionalAccessPolicy')
        .find((o) => String(o['displayName']).startsWith('CA000'));
    const defender = () =>
      sim.control
        .objects(contoso, 'compliancePolicy')
        .find((o) => String(o['displayName']).includes('Microsoft Defender for Endpoint'));
    const driver = createDriftDriver(sim.control, silentLogger);

    expect(mfa()?.['state']).toBe('enabled');
    expect(driver.step()?.description).toMatch(/report-only/);
    expect(mfa()?.['state']).toBe('enabledForReportingButNotEnforced');

    driver.step();
    driver.step();
    expect(defender()).toBeDefined();
    expect(driver.step()?.description).toMatch(/deleted/);
    expect(defender()).toBeUndefined();

    for (let i = 0; i < DEMO_CHANGES.length; i++) driver.step();
    expect(mfa()?.['state']).toBe('enabled');
    expect(defender()).toBeDefined();
  });
});
