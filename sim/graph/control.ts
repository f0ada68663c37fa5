import { z } from 'zod';
import type { SimActor } from './audit-log';
import type { TenantFaults } from './faults';
import type { GraphAnswer } from './graph-service';
import { graphError } from './graph-service';
import type { GraphObject } from './tenant-data';

/** What tests and the demo change while the simulator runs (also over HTTP under /_control). */
export interface GraphSimulatorControl {
  tenantIds(): string[];
  addTenant(tenantId: string): void;
  objects(tenantId: string, policyType: string): GraphObject[];
  /** Adds or changes an object and records it in the tenant's audit log as `actor` (default: a demo admin). */
  upsertObject(tenantId: string, policyType: string, object: GraphObject, actor?: SimActor): void;
  deleteObject(tenantId: string, policyType: string, id: string, actor?: SimActor): boolean;
  setFaults(tenantId: string, faults: TenantFaults): void;
  clearFaults(tenantId: string): void;
  /** Graph requests the tenant received (batch sub-requests one each) and how many were throttled. */
  stats(tenantId: string): { requests: number; throttled: number };
}

const Status = z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]);
const Faults = z
  .object({
    latencyMs: z.number().int().min(0).optional(),
    rate: z
      .object({ requests: z.number().int().positive(), windowMs: z.number().int().positive() })
      .nullable()
      .optional(),
    fail: z
      .object({
        status: Status,
        every: z.number().int().positive().optional(),
        next: z.number().int().min(0).optional(),
        retryAfterSeconds: z.number().int().min(0).optional(),
      })
      .optional(),
    forbidden: z.array(z.string()).optional(),
    notApplicable: z.array(z.string()).optional(),
    truncatePaging: z.array(z.string()).optional(),
    endlessPaging: z.array(z.string()).optional(),
    consentMissing: z.boolean().optional(),
  })
  .strict();
const GraphObjectBody = z.object({ id: z.string().min(1) }).passthrough();

const ok = (body: unknown): GraphAnswer => ({ status: 200, body });

/**
 * `/_control` HTTP API:
 *   GET    /_control/tenants                                  → tenant ids with object counts
 *   PUT    /_control/tenants/{tenantId}                       → add an empty tenant
 *   GET    /_control/tenants/{tenantId}/stats                 → { requests, throttled }
 *   PUT    /_control/tenants/{tenantId}/faults                (TenantFaults JSON) / DELETE to clear
 *   PUT    /_control/tenants/{tenantId}/objects/{policyType}  (object JSON with id) → add or change
 *   DELETE /_control/tenants/{tenantId}/objects/{policyType}/{id}
 * Object changes take `?actor=<upn>&app=<app name>`: who the audit log says made them.
 */
export function handleControl(
  control: GraphSimulatorControl,
  method: string,
  url: URL,
  body: string,
): GraphAnswer {
  const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const [collection, tenantId, what, policyType, id] = parts;
  if (collection !== 'tenants')
    return graphError(404, 'NotFound', 'Control routes live under /_control/tenants');
  const json = () => (body ? (JSON.parse(body) as unknown) : {});
  const upn = url.searchParams.get('actor');
  const app = url.searchParams.get('app');
  const actor: SimActor | undefined = upn ? { userPrincipalName: upn, ...(app && { app }) } : undefined;
  try {
    if (!tenantId && method === 'GET') return ok(control.tenantIds().map((t) => ({ tenantId: t })));
    if (!tenantId) return graphError(405, 'MethodNotAllowed', 'GET /_control/tenants');
    if (!what && method === 'PUT') return (control.addTenant(tenantId), ok({ tenantId }));
    if (what === 'stats' && method === 'GET') return ok(control.stats(tenantId));
    if (what === 'faults' && method === 'PUT')
      return (control.setFaults(tenantId, Faults.parse(json())), ok({ tenantId }));
    if (what === 'faults' && method === 'DELETE') return (control.clearFaults(tenantId), ok({ tenantId }));
    if (what === 'objects' && policyType && method === 'GET')
      return ok(control.objects(tenantId, policyType));
    if (what === 'objects' && policyType && method === 'PUT') {
      const object = GraphObjectBody.parse(json());
      control.upsertObject(tenantId, policyType, object, actor);
      return ok({ tenantId, policyType, id: object.id });
    }
    if (what === 'objects' && policyType && id && method === 'DELETE') {
      return control.deleteObject(tenantId, policyType, id, actor)
        ? ok({ deleted: id })
        : graphError(404, 'NotFound', `No ${policyType} ${id} in ${tenantId}`);
    }
  } catch (err) {
    return graphError(400, 'BadRequest', err instanceof Error ? err.message : String(err));
  }
  return graphError(404, 'NotFound', `No control route ${method} ${url.pathname}`);
}
