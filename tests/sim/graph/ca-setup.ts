import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createCertificateAuthority, type CertificateAuthority } from '../../../sim/graph/ca';

declare module 'vitest' {
  export interface ProvidedContext {
    graphSimCa: CertificateAuthority;
  }
}

/**
 * Global setup: Node reads NODE_EXTRA_CA_CERTS only when a process starts, and both transports the real
 * Graph code uses (undici's fetch for the Graph client, node:https for @azure/identity) trust only the
 * process-wide CA store. Vitest forks its workers after global setup with this process's environment,
 * so one CA made here and named in NODE_EXTRA_CA_CERTS is trusted by every worker; tests get the CA
 * through `inject('graphSimCa')` and hand it to startGraphSimulator.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ca = createCertificateAuthority('Driftwatch test CA');
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-test-ca-'));
  const file = join(dir, 'ca.pem');
  await writeFile(file, ca.certPem);
  process.env.NODE_EXTRA_CA_CERTS = file;
  project.provide('graphSimCa', ca);
  return () => rm(dir, { recursive: true, force: true });
}
