import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../bot/cli';
import { testIo } from '../../support/capture';
import { copyExport, FIXTURES, removeCopies, tempDir, writeJson } from '../../core/drift/export-copies';

const CA000 = 'CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA.json';
const COMPLIANCE = 'Baseline - Windows - Compliancs Device Health.json';

async function diff(...args: string[]) {
  const t = testIo();
  const code = await main(['diff', ...args], t.io);
  return { code, stdout: t.stdout.text(), stderr: t.stderr.text() };
}

/** Current = the real exports with CA000 disabled and the Windows compliance policy deleted, in UTF-16. */
async function driftedCopy(): Promise<string> {
  return copyExport(
    (raw, file) =>
      file.endsWith(CA000) ? { ...raw, state: 'disabled' } : file.endsWith(COMPLIANCE) ? undefined : raw,
    'utf16le-bom',
  );
}

afterAll(removeCopies);

describe('driftwatch diff', () => {
  it('exits 0 with an empty JSON report for identical folders', async () => {
    const { code, stdout, stderr } = await diff(FIXTURES, await copyExport(), '--format', 'json');

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      summary: { modified: 0, missing: 0, added: 0, unchanged: 34 },
      findings: [],
    });
    expect(stderr).toBe('');
  });

  it('exits 1 and prints exactly the contract JSON shape for real drift', async () => {
    const { code, stdout } = await diff(FIXTURES, await driftedCopy(), '--format', 'json');

    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      summary: { modified: 1, missing: 1, added: 0, unchanged: 32 },
      findings: [
        {
          kind: 'missing',
          policyType: 'compliancePolicy',
          key: '8fc9c5f9-a19b-4168-aa57-11d81f3c3cff',
          displayName: 'Baseline - Windows - Compliancs Device Health',
          severity: 'critical',
          changes: [],
        },
        {
          kind: 'modified',
          policyType: 'conditionalAccessPolicy',
          key: '809741fe-fb1b-4746-9ff0-83a978a4c891',
          displayName: 'CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA',
          severity: 'critical',
          changes: [{ path: 'state', baseline: 'enabled', current: 'disabled' }],
        },
      ],
    });
    expect(Object.keys(JSON.parse(stdout))).toEqual(['summary', 'findings']);
  });

  it('prints text grouped by severity, one line per change', async () => {
    const { code, stdout } = await diff(FIXTURES, await driftedCopy());

    expect(code).toBe(1);
    expect(stdout.split('\n')).toEqual([
      'CRITICAL (2)',
      '  missing  compliancePolicy "Baseline - Windows - Compliancs Device Health"',
      '  modified conditionalAccessPolicy "CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA" state: "enabled" -> "disabled"',
      '',
      '1 modified, 1 missing, 0 added, 32 unchanged',
      '',
    ]);
  });

  it('compares only the types --types names', async () => {
    const { code, stdout } = await diff(
      FIXTURES,
      await driftedCopy(),
      '--format',
      'json',
      '--types',
      'compliancePolicy',
    );

    expect(code).toBe(1);
    expect(JSON.parse(stdout).summary).toEqual({ modified: 0, missing: 1, added: 0, unchanged: 4 });
  });

  it('lists files of unknown types as skipped on stderr without failing', async () => {
    const current = await copyExport();
    await writeJson(current, 'other/user.json', { '@odata.type': '#microsoft.graph.user', id: 'u1' });

    const { code, stderr } = await diff(FIXTURES, current, '--format', 'json');

    expect(code).toBe(0);
    expect(stderr).toBe(`skipped ${join(current, 'other/user.json')}: unknown policy type\n`);
  });

  it('reads scan.json as metadata and does not compare types the scan could not read', async () => {
    const current = await copyExport((raw, file) => (file.includes('ConditionalAccess/') ? undefined : raw));
    await writeJson(current, 'scan.json', {
      tenantId: 't',
      coverage: { conditionalAccessPolicy: { status: 'failed', objects: 0, reason: '429 after retries' } },
    });

    const { code, stdout, stderr } = await diff(FIXTURES, current, '--format', 'json');

    expect(code).toBe(0);
    expect(JSON.parse(stdout).summary).toEqual({ modified: 0, missing: 0, added: 0, unchanged: 26 });
    expect(stderr).toContain(
      'not compared: conditionalAccessPolicy was not read completely (failed: 429 after retries)',
    );
  });

  it("takes users' severity rules from a YAML file", async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'rules.yaml'),
      'rules:\n  - policyType: conditionalAccessPolicy\n    path: state\n    severity: low\n    why: lab tenant\n',
    );

    const { stdout } = await diff(
      FIXTURES,
      await driftedCopy(),
      '--format',
      'json',
      '--rules',
      join(dir, 'rules.yaml'),
    );

    expect(JSON.parse(stdout).findings[1].severity).toBe('low');
  });

  it('exits 2 naming the file that is not JSON', async () => {
    const current = await copyExport();
    await mkdir(join(current, 'broken'), { recursive: true });
    await writeFile(join(current, 'broken', 'policy.json'), '{ "displayName": ');

    const { code, stdout, stderr } = await diff(FIXTURES, current);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(join(current, 'broken', 'policy.json'));
  });

  it('exits 2 naming an unreadable folder', async () => {
    const missing = join(await tempDir(), 'nope');

    const { code, stderr } = await diff(FIXTURES, missing);

    expect(code).toBe(2);
    expect(stderr).toContain(missing);
  });

  it.each([
    [['only-one']],
    [[FIXTURES, FIXTURES, '--format', 'xml']],
    [[FIXTURES, FIXTURES, '--types', 'nonsense']],
    [[FIXTURES, FIXTURES, '--colour']],
  ])('exits 2 with usage for bad arguments %j', async (args) => {
    const { code, stderr } = await diff(...args);

    expect(code).toBe(2);
    expect(stderr).toContain('Usage: driftwatch diff');
  });
});
