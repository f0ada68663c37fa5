import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientCertificate } from '../../../sim/graph/ca';
import { DEFAULT_APP } from '../../../sim/graph/server';
import { closingGraphWorlds, TENANT_A, TENANT_B } from './graph-fixture';

const world = closingGraphWorlds();

describe('getting a Graph token per customer tenant', () => {
  it('reports a wrong client secret clearly, per tenant, without the secret', async () => {
    const secret = 'wrong-secret-value-123';
    const { reader } = await world({}, { clientSecret: secret });

    const read = await reader.read(TENANT_A, { types: ['settingsCatalog', 'compliancePolicy'] });

    for (const coverage of Object.values(read.coverage)) {
      expect(coverage.status).toBe('failed');
      expect(coverage.reason).toContain(TENANT_A);
      expect(coverage.reason).toContain('AADSTS7000215');
      expect(coverage.reason).toMatch(/client secret is wrong/);
      expect(coverage.reason).not.toContain(secret);
    }
    expect(read.graphRequests).toBe(0);
  });

  it('gets a fresh token once when Graph refuses the cached one, and reads completely', async () => {
    const { reader, clock } = await world();
    await reader.read(TENANT_A, { types: ['compliancePolicy'] });
    // Graph's clock passes the token's expiry while the credential's cache still holds it.
    clock.advance(2 * 60 * 60 * 1000);

    const read = await reader.read(TENANT_A, { types: ['compliancePolicy', 'conditionalAccessPolicy'] });

    expect(read.coverage.compliancePolicy?.status).toBe('complete');
    expect(read.coverage.conditionalAccessPolicy?.status).toBe('complete');
  });

  it('reports an unknown tenant', async () => {
    const { reader } = await world();
    const unknown = '00000000-1111-4222-8333-444444444444';

    const read = await reader.read(unknown, { types: ['settingsCatalog'] });

    expect(read.coverage.settingsCatalog?.status).toBe('failed');
    expect(read.coverage.settingsCatalog?.reason).toContain(unknown);
    expect(read.coverage.settingsCatalog?.reason).toMatch(/AADSTS90002|could not resolve this tenant/);
  });

  it('reports missing admin consent in one tenant while another tenant reads fine', async () => {
    const { reader, sim } = await world();
    sim.control.setFaults(TENANT_B, { consentMissing: true });

    const [a, b] = await Promise.all([
      reader.read(TENANT_A, { types: ['compliancePolicy'] }),
      reader.read(TENANT_B, { types: ['compliancePolicy'] }),
    ]);

    expect(a.coverage.compliancePolicy?.status).toBe('complete');
    expect(b.coverage.compliancePolicy?.reason).toMatch(/AADSTS7000229.*consent/);
  });

  it('signs in with a certificate (ClientCertificateCredential) as well as a secret', async () => {
    const cert = createClientCertificate();
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-cert-'));
    const certificatePath = join(dir, 'app.pem');
    await writeFile(certificatePath, `${cert.keyPem}\n${cert.certPem}`);
    const { reader } = await world(
      { apps: [{ clientId: DEFAULT_APP.clientId, certificatePem: cert.certPem }] },
      { clientSecret: undefined, certificatePath },
    );

    const read = await reader.read(TENANT_B, { types: ['settingsCatalog'] });

    expect(read.coverage.settingsCatalog).toEqual({ status: 'complete', objects: 3 });
  });

  it('refuses a certificate the app does not know', async () => {
    const registered = createClientCertificate();
    const other = createClientCertificate('someone-else');
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-cert-'));
    const certificatePath = join(dir, 'other.pem');
    await writeFile(certificatePath, `${other.keyPem}\n${other.certPem}`);
    const { reader } = await world(
      { apps: [{ clientId: DEFAULT_APP.clientId, certificatePem: registered.certPem }] },
      { clientSecret: undefined, certificatePath },
    );

    const read = await reader.read(TENANT_B, { types: ['settingsCatalog'] });

    expect(read.coverage.settingsCatalog?.reason).toMatch(/AADSTS700027.*certificate/);
  });
});
