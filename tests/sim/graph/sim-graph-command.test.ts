import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { get } from 'node:https';
import { main } from '../../../bot/cli';
import { testIo } from '../../support/capture';
import { TENANTS_DIR, TENANT_A, TENANT_B } from '../../core/graph/graph-fixture';

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 25));
}

function getJson(url: string, ca: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

describe('driftwatch sim graph', () => {
  it('serves the tenant folders, prints the CA file and variables, and stops on SIGTERM', async () => {
    const { io, stdout, stop } = testIo();

    const running = main(['sim', 'graph', '--port', '0', '--tenants', TENANTS_DIR], io);
    await until(() => stdout.text().includes('Ctrl-C'));
    const baseUrl = /GRAPH_BASE_URL=(\S+)/.exec(stdout.text())?.[1];
    // The command makes its own CA, which this process does not trust by default: pass it per request.
    const ca = await readFile(/CA certificate: (\S+)/.exec(stdout.text())?.[1] ?? '', 'utf8');
    const tenants = await getJson(`${baseUrl}/_control/tenants`, ca);
    stop();

    expect(await running).toBe(0);
    expect(stdout.text()).toMatch(/CA certificate: \S+ca\.pem/);
    expect(stdout.text()).toMatch(/NODE_EXTRA_CA_CERTS=\S+/);
    expect(tenants).toEqual(expect.arrayContaining([{ tenantId: TENANT_A }, { tenantId: TENANT_B }]));
  });

  it('exits 2 without --tenants', async () => {
    const { io, stderr } = testIo();

    expect(await main(['sim', 'graph'], io)).toBe(2);
    expect(stderr.text()).toContain('--tenants is required');
  });
});
