import { describe, expect, it } from 'vitest';
import type { Tenant } from '../../../core/model';
import { resolveTenant } from '../../../core/tenants/resolve-tenant';

const contoso: Tenant = {
  id: '11111111-1111-1111-1111-111111111111',
  name: 'contoso',
  aliases: ['cto'],
  approvers: [],
};
const fabrikam: Tenant = {
  id: '22222222-2222-2222-2222-222222222222',
  name: 'Fabrikam',
  aliases: [],
  approvers: [],
};

describe('resolveTenant', () => {
  it.each([
    ['by id', '11111111-1111-1111-1111-111111111111', 'contoso'],
    ['by id in upper case', '11111111-1111-1111-1111-111111111111'.toUpperCase(), 'contoso'],
    ['by name, ignoring case', 'CONTOSO', 'contoso'],
    ['by alias', 'cto', 'contoso'],
    ['with surrounding spaces', '  fabrikam ', 'Fabrikam'],
  ])('finds a tenant %s', (_how, query, name) => {
    const lookup = resolveTenant([contoso, fabrikam], query);

    expect(lookup).toMatchObject({ ok: true, tenant: { name } });
  });

  it('suggests close names for a typo', () => {
    const lookup = resolveTenant([contoso, fabrikam], 'contsoo');

    expect(lookup).toEqual({ ok: false, suggestions: ['contoso'] });
  });

  it('suggests names that start with what was typed', () => {
    const lookup = resolveTenant([contoso, fabrikam], 'fab');

    expect(lookup).toEqual({ ok: false, suggestions: ['Fabrikam'] });
  });

  it('suggests nothing for a name unlike any tenant', () => {
    const lookup = resolveTenant([contoso, fabrikam], 'northwind');

    expect(lookup).toEqual({ ok: false, suggestions: [] });
  });
});
