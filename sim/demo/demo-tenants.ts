import type { Tenant } from '../../core/model';

/** The three demo customers of `npm start`. contoso and fabrikam share the golden baseline. */
export const DEMO_TENANTS = [
  {
    id: 'c0a70500-0000-4000-8000-000000000001',
    name: 'contoso',
    aliases: ['cto', 'contoso ltd'],
    approvers: [],
    golden: true,
  },
  {
    id: 'fab71ca0-0000-4000-8000-000000000002',
    name: 'fabrikam',
    aliases: ['fab'],
    approvers: [],
    golden: true,
  },
  {
    id: '0e7a3d10-0000-4000-8000-000000000003',
    name: 'northwind',
    aliases: ['nw', 'northwind traders'],
    approvers: [],
    golden: false,
  },
] as const satisfies readonly (Tenant & { golden: boolean })[];
