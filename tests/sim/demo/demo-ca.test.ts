import { readFile, rm, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCaPaths, ensureDemoCa, readDemoCa } from '../../../sim/demo/demo-ca';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-demo-ca-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the demo CA in the data folder', () => {
  it('is made once and reused by later starts, with the PEM that NODE_EXTRA_CA_CERTS names', async () => {
    const first = await ensureDemoCa(dir);
    const second = await ensureDemoCa(dir);

    expect(second).toEqual(first);
    expect(await readDemoCa(dir)).toEqual(first);
    expect(await readFile(demoCaPaths(dir).pemFile, 'utf8')).toBe(first.certPem);
  });

  it('is replaced when it is about to expire or the file is damaged', async () => {
    const first = await ensureDemoCa(dir);
    const nextYear = new Date(Date.now() + 365 * 86_400_000);
    const renewed = await ensureDemoCa(dir, nextYear);
    await writeFile(demoCaPaths(dir).keyFile, '{ not json');
    const repaired = await ensureDemoCa(dir);

    expect(renewed.certPem).not.toBe(first.certPem);
    expect(repaired.certPem).not.toBe(renewed.certPem);
    expect(await readFile(demoCaPaths(dir).pemFile, 'utf8')).toBe(repaired.certPem);
  });
});
