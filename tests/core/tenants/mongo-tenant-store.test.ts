import { describe, expect, it } from 'vitest';
import { ensureCheckIndexes } from '../../../core/storage/mongo/check-indexes';
import { createMongoTenantStore } from '../../../core/storage/mongo/mongo-tenant-store';
import { applyTenants } from '../../../core/tenants/apply-tenants';
import { parseTenantsFile } from '../../../core/tenants/tenants-file';
import { useTestDatabase } from '../../support/mongo';

const database = useTestDatabase();
const CONTOSO = '11111111-1111-1111-1111-111111111111';

describe('the tenant directory in MongoDB', () => {
  it('registers a tenants file once: applying it again changes nothing', async () => {
    await ensureCheckIndexes(database.db);
    const directory = createMongoTenantStore(database.db);
    const file = `tenants:\n  - {id: "${CONTOSO.toUpperCase()}", name: contoso, aliases: [cto], timezone: Europe/Berlin}\n`;

    const first = await applyTenants(directory, parseTenantsFile(file, 'tenants.yaml'));
    const second = await applyTenants(directory, parseTenantsFile(file, 'tenants.yaml'));

    expect(first.added).toEqual(['contoso']);
    expect(second).toEqual({ added: [], updated: [], unchanged: ['contoso'] });
    expect(await directory.list()).toEqual([
      { id: CONTOSO, name: 'contoso', aliases: ['cto'], approvers: [], timezone: 'Europe/Berlin' },
    ]);
  });

  it('resolves by alias and suggests close names', async () => {
    const directory = createMongoTenantStore(database.db);

    expect(await directory.resolve('CTO')).toMatchObject({ ok: true, tenant: { id: CONTOSO } });
    expect(await directory.resolve('contsoo')).toEqual({ ok: false, suggestions: ['contoso'] });
  });

  it('removes a tenant once', async () => {
    const directory = createMongoTenantStore(database.db);

    expect([await directory.remove(CONTOSO), await directory.remove(CONTOSO)]).toEqual([true, false]);
    expect(await directory.list()).toEqual([]);
  });
});
