import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../bot/cli';
import { startGraphSimulator, DEFAULT_APP, type GraphSimulator } from '../../../sim/graph/server';
import { loadTenantFolders } from '../../../sim/graph/tenant-data';
import { testIo } from '../../support/capture';
import { TENANTS_DIR, TENANT_B } from '../../core/graph/graph-fixture';

let sim: GraphSimulator;
let env: Record<string, string>;
beforeAll(async () => {
  sim = await startGraphSimulator({ ca: inject('graphSimCa'), tenantsDir: TENANTS_DIR });
  env = {
    GRAPH_CLIENT_ID: DEFAULT_APP.clientId,
    GRAPH_CLIENT_SECRET: DEFAULT_APP.clientSecret,
    GRAPH_BASE_URL: sim.baseUrl,
    GRAPH_AUTHORITY_HOST: sim.authorityHost,
    LOG_LEVEL: 'silent',
  };
});
afterAll(() => sim.close());

describe('driftwatch scan', () => {
  it('writes every object as read and a scan.json, and exits 0 when every type is complete', async () => {
    const out = await mkdtemp(join(tmpdir(), 'driftwatch-scan-'));
    const { io, stdout } = testIo(env);

    const code = await main(
      ['scan', '--tenant', TENANT_B, '--out', out, '--types', 'settingsCatalog,conditionalAccessPolicy'],
      io,
    );

    expect(code).toBe(0);
    const scan = JSON.parse(await readFile(join(out, 'scan.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(scan)).toEqual(['tenantId', 'startedAt', 'finishedAt', 'graphRequests', 'coverage']);
    expect(scan).toMatchObject({
      tenantId: TENANT_B,
      coverage: {
        settingsCatalog: { status: 'complete', objects: 3 },
        conditionalAccessPolicy: { status: 'complete', objects: 2 },
      },
    });
    expect(scan.graphRequests).toBeGreaterThan(0);
    const written = await loadTenantFolder(out);
    const expected = await loadTenantFolders(TENANTS_DIR);
    for (const type of ['settingsCatalog', 'conditionalAccessPolicy']) {
      expect(written[type]).toEqual(sortById(expected.objects(TENANT_B, type)));
    }
    expect(stdout.text()).toContain('5 objects');
  });

  it('exits 3 and names the reason when a type fails', async () => {
    const out = await mkdtemp(join(tmpdir(), 'driftwatch-scan-'));
    sim.control.setFaults(TENANT_B, { forbidden: ['settingsCatalog'] });
    const { io, stderr } = testIo(env);

    const code = await main(['scan', '--tenant', TENANT_B, '--out', out, '--types', 'settingsCatalog'], io);

    sim.control.clearFaults(TENANT_B);
    expect(code).toBe(3);
    const scan = JSON.parse(await readFile(join(out, 'scan.json'), 'utf8')) as {
      coverage: Record<string, { status: string; reason: string }>;
    };
    expect(scan.coverage.settingsCatalog?.status).toBe('failed');
    expect(scan.coverage.settingsCatalog?.reason).toContain('DeviceManagementConfiguration.Read.All');
    expect(stderr.text()).toContain('settingsCatalog failed');
    expect(await readdir(out)).toEqual(['scan.json']);
  });

  it.each([
    [['--tenant', 'contoso.onmicrosoft.com', '--out', 'x'], /not a tenant id/],
    [['--tenant', TENANT_B], /--out is required/],
    [['--out', 'x'], /--tenant is required/],
    [['--tenant', TENANT_B, '--out', 'x', '--types', 'nope'], /unknown policy type nope/],
  ])('exits 2 on bad input %j', async (args, message) => {
    const { io, stderr } = testIo(env);

    expect(await main(['scan', ...args], io)).toBe(2);
    expect(stderr.text()).toMatch(message);
  });

  it('exits 2 and names the variable when the Graph app is not configured', async () => {
    const { io, stderr } = testIo({ LOG_LEVEL: 'silent' });

    expect(await main(['scan', '--tenant', TENANT_B, '--out', 'x'], io)).toBe(2);
    expect(stderr.text()).toContain('GRAPH_CLIENT_ID');
  });

  it('exits 2 and names the variable when a secret is set without the app id', async () => {
    const { io, stderr } = testIo({ GRAPH_CLIENT_SECRET: 's' });

    expect(await main(['scan', '--tenant', TENANT_B, '--out', 'x'], io)).toBe(2);
    expect(stderr.text()).toContain('GRAPH_CLIENT_ID');
  });
});

function sortById(objects: Record<string, unknown>[]): Record<string, unknown>[] {
  return [...objects].sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

async function loadTenantFolder(dir: string): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const type of await readdir(dir, { withFileTypes: true })) {
    if (!type.isDirectory()) continue;
    const files = await readdir(join(dir, type.name));
    out[type.name] = sortById(
      await Promise.all(
        files.map(
          async (f) => JSON.parse(await readFile(join(dir, type.name, f), 'utf8')) as Record<string, unknown>,
        ),
      ),
    );
  }
  return out;
}
