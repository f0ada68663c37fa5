import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyTenants } from '../../../core/tenants/apply-tenants';
import { InMemoryTenantDirectory } from '../../../core/tenants/in-memory-tenant-directory';
import { loadTenantsFile, parseTenantsFile, TenantsFileError } from '../../../core/tenants/tenants-file';

const CONTOSO = '11111111-1111-1111-1111-111111111111';
const FABRIKAM = '22222222-2222-2222-2222-222222222222';
const APPROVER = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';

const json = JSON.stringify({
  tenants: [
    {
      id: CONTOSO,
      name: 'contoso',
      aliases: ['cto'],
      schedule: '*/30 * * * * *',
      timezone: 'Europe/Berlin',
      approvers: [APPROVER],
    },
    { id: FABRIKAM, name: 'fabrikam' },
  ],
});

const yaml = `
tenants:
  - id: ${CONTOSO}
    name: contoso
    aliases: [cto]
    schedule: "*/30 * * * * *"
    timezone: Europe/Berlin
    approvers:
      - ${APPROVER}
  - id: ${FABRIKAM}
    name: fabrikam
`;

function errorOf(fn: () => unknown): TenantsFileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TenantsFileError) return err;
    throw err;
  }
  throw new Error('expected a TenantsFileError');
}

describe('the tenants file', () => {
  it.each([
    ['JSON', json],
    ['YAML', yaml],
  ])('reads the documented %s format, with only id and name required', (_format, text) => {
    const tenants = parseTenantsFile(text, 'tenants');

    expect(tenants).toEqual([
      {
        id: CONTOSO,
        name: 'contoso',
        aliases: ['cto'],
        schedule: '*/30 * * * * *',
        timezone: 'Europe/Berlin',
        approvers: [APPROVER],
      },
      { id: FABRIKAM, name: 'fabrikam', aliases: [], approvers: [] },
    ]);
  });

  it('changes nothing when the same file is applied twice', async () => {
    const directory = new InMemoryTenantDirectory();
    const tenants = parseTenantsFile(yaml, 'tenants.yaml');

    const first = await applyTenants(directory, tenants);
    const second = await applyTenants(directory, parseTenantsFile(json, 'tenants.json'));

    expect(first).toEqual({ added: ['contoso', 'fabrikam'], updated: [], unchanged: [] });
    expect(second).toEqual({ added: [], updated: [], unchanged: ['contoso', 'fabrikam'] });
    expect(await directory.list()).toHaveLength(2);
  });

  it('updates a tenant whose entry changed and leaves tenants missing from the file registered', async () => {
    const directory = new InMemoryTenantDirectory();
    await applyTenants(directory, parseTenantsFile(json, 'tenants.json'));

    const result = await applyTenants(
      directory,
      parseTenantsFile(`tenants:\n  - {id: ${CONTOSO}, name: contoso, schedule: "0 0 * * * *"}\n`, 't.yaml'),
    );

    expect(result).toEqual({ added: [], updated: ['contoso'], unchanged: [] });
    expect((await directory.get(CONTOSO))?.schedule).toBe('0 0 * * * *');
    expect(await directory.get(FABRIKAM)).toBeDefined();
  });

  it.each([
    [
      'a bad schedule',
      { id: CONTOSO, name: 'contoso', schedule: 'every minute' },
      'tenants[0] ("contoso"), field "schedule"',
    ],
    ['a bad time zone', { id: CONTOSO, name: 'contoso', timezone: 'Mars/Olympus' }, 'field "timezone"'],
    ['a tenant id that is not a GUID', { id: 'contoso.onmicrosoft.com', name: 'contoso' }, 'field "id"'],
    ['a missing name', { id: CONTOSO }, 'tenants[0], field "name"'],
    [
      'a misspelt field',
      { id: CONTOSO, name: 'contoso', schedul: '* * * * *' },
      'field "schedul": unknown field',
    ],
    [
      'an approver that is not an object id',
      { id: CONTOSO, name: 'contoso', approvers: ['bob'] },
      'field "approvers.0"',
    ],
    [
      'an unknown policy type',
      { id: CONTOSO, name: 'contoso', policyTypes: ['nope'] },
      'field "policyTypes.0"',
    ],
  ])('names the entry and field of %s', (_what, entry, expected) => {
    const err = errorOf(() => parseTenantsFile(JSON.stringify({ tenants: [entry] }), 'tenants.json'));

    expect(err.message).toContain('tenants.json');
    expect(err.message).toContain(expected);
  });

  it('refuses two entries that answer to the same name', () => {
    const text = JSON.stringify({
      tenants: [
        { id: CONTOSO, name: 'contoso' },
        { id: FABRIKAM, name: 'fabrikam', aliases: ['Contoso'] },
      ],
    });

    const err = errorOf(() => parseTenantsFile(text, 'tenants.json'));

    expect(err.message).toContain(
      'tenants[1] ("fabrikam"), field "aliases": "Contoso" already names tenants[0]',
    );
  });

  it('refuses a file without a tenants list', () => {
    const err = errorOf(() => parseTenantsFile('- just: a list', 'tenants.yaml'));

    expect(err.message).toContain('expected an object with a "tenants" list');
  });

  it('reads the file from disk and says when it is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-tenants-'));
    await writeFile(join(dir, 'tenants.yaml'), yaml);

    const tenants = await loadTenantsFile(join(dir, 'tenants.yaml'));
    const missing = loadTenantsFile(join(dir, 'nope.yaml'));

    expect(tenants.map((t) => t.name)).toEqual(['contoso', 'fabrikam']);
    await expect(missing).rejects.toThrow(/nope\.yaml is invalid[\s\S]*file not found/);
  });
});
