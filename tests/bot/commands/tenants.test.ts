import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../bot/cli';
import { testIo } from '../../support/capture';
import { mongoServer, testDatabaseName } from '../../support/mongo';

const CONTOSO = '11111111-1111-1111-1111-111111111111';
let env: Record<string, string>;

async function cli(...args: string[]) {
  const { io, stdout, stderr } = testIo(env, tmpdir());
  const code = await main(args, io);
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('driftwatch tenants, check and findings', () => {
  it('adds, lists, updates and removes a tenant, refusing a second tenant with the same name', async () => {
    env = { MONGODB_URI: mongoServer().uri, MONGODB_DB: testDatabaseName(), LOG_LEVEL: 'silent' };

    const added = await cli('tenants', 'add', '--id', CONTOSO, '--name', 'contoso', '--alias', 'cto');
    const clash = await cli(
      'tenants',
      'add',
      '--id',
      '22222222-2222-2222-2222-222222222222',
      '--name',
      'CTO',
    );
    const updated = await cli(
      'tenants',
      'update',
      'cto',
      '--schedule',
      '0 */15 * * * *',
      '--timezone',
      'Europe/Berlin',
    );
    const listed = await cli('tenants', 'list', '--format', 'json');

    expect(added).toMatchObject({ code: 0, out: `Added contoso (${CONTOSO})\n` });
    expect(clash.code).toBe(2);
    expect(clash.err).toContain('"CTO" already names tenant contoso');
    expect(updated.code).toBe(0);
    expect(JSON.parse(listed.out)).toEqual({
      tenants: [
        {
          id: CONTOSO,
          name: 'contoso',
          aliases: ['cto'],
          approvers: [],
          schedule: '0 */15 * * * *',
          timezone: 'Europe/Berlin',
        },
      ],
    });
  });

  it('refuses a bad schedule naming the option', async () => {
    const result = await cli('tenants', 'update', 'contoso', '--schedule', 'hourly');

    expect(result.code).toBe(2);
    expect(result.err).toContain('--schedule: expected a cron expression');
  });

  it('applies a tenants file, and applying it again changes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-cli-'));
    const file = join(dir, 'tenants.yaml');
    await writeFile(file, `tenants:\n  - id: 33333333-3333-3333-3333-333333333333\n    name: fabrikam\n`);

    const first = await cli('tenants', 'apply', file);
    const second = await cli('tenants', 'apply', file);

    expect(first.out).toBe('Added 1, updated 0, unchanged 0\n');
    expect(second.out).toBe('Added 0, updated 0, unchanged 1\n');
  });

  it('suggests a close name for an unknown tenant', async () => {
    const result = await cli('check', '--tenant', 'contsoo');

    expect(result.code).toBe(2);
    expect(result.err).toContain('No tenant "contsoo" is registered. Did you mean contoso?');
  });

  it('exits 3 when the tenant could not be read, saying why', async () => {
    const result = await cli('check', '--tenant', 'cto');

    expect(result.code).toBe(3);
    expect(result.out).toContain('failed');
    expect(result.out).toContain('Graph is not configured');
  });

  it('lists no findings for a tenant never checked, as JSON', async () => {
    const result = await cli('findings', '--tenant', 'contoso', '--severity', 'high', '--format', 'json');

    expect(result).toMatchObject({ code: 0 });
    expect(JSON.parse(result.out)).toEqual({ findings: [] });
  });

  it('removes a tenant', async () => {
    const removed = await cli('tenants', 'remove', CONTOSO);
    const listed = await cli('tenants', 'list');

    expect(removed.code).toBe(0);
    expect(listed.out).not.toContain('contoso');
  });
});
