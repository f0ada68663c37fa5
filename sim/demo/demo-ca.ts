import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { z } from 'zod';
import { createCertificateAuthority, type CertificateAuthority } from '../graph/ca';

/** Where the demo keeps its Graph simulator CA (key and certificate) and the PEM node trusts. */
export function demoCaPaths(dataDir: string): { keyFile: string; pemFile: string } {
  return { keyFile: join(dataDir, 'graph-ca.json'), pemFile: join(dataDir, 'graph-ca.pem') };
}

const StoredCa = z.object({ certPem: z.string().min(1), keyPem: z.string().min(1) });

// Renewed a day before it expires, so a demo started today still trusts it tomorrow.
const RENEW_BEFORE_MS = 86_400_000;

/**
 * The demo's CA, kept in the data dir between runs: NODE_EXTRA_CA_CERTS is read only when node
 * starts, so the working process must be launched already pointing at a CA that exists on disk.
 * A missing, unreadable or nearly expired CA is replaced; the PEM file is (re)written to match.
 */
export async function ensureDemoCa(dataDir: string, now: Date = new Date()): Promise<CertificateAuthority> {
  await mkdir(dataDir, { recursive: true });
  const { keyFile, pemFile } = demoCaPaths(dataDir);
  let ca = await readStored(keyFile);
  if (!ca || expiresSoon(ca, now)) {
    ca = createCertificateAuthority('Driftwatch demo Graph simulator CA', 365);
    await writeFile(keyFile, JSON.stringify(ca), { mode: 0o600 });
  }
  const pem = existsSync(pemFile) ? await readFile(pemFile, 'utf8') : '';
  if (pem !== ca.certPem) await writeFile(pemFile, ca.certPem);
  return ca;
}

/** The stored CA without creating one (the working process reads what its launcher made). */
export async function readDemoCa(dataDir: string): Promise<CertificateAuthority | undefined> {
  return readStored(demoCaPaths(dataDir).keyFile);
}

async function readStored(file: string): Promise<CertificateAuthority | undefined> {
  try {
    const parsed = StoredCa.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success) return undefined;
    forge.pki.certificateFromPem(parsed.data.certPem);
    return parsed.data;
  } catch {
    return undefined;
  }
}

function expiresSoon(ca: CertificateAuthority, now: Date): boolean {
  const cert = forge.pki.certificateFromPem(ca.certPem);
  return cert.validity.notAfter.getTime() - now.getTime() < RENEW_BEFORE_MS;
}
