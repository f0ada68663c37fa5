import type { GraphAnswer, GraphRequestContext } from './graph-service';
import { graphError } from './graph-service';

/** Who a control-API change is recorded as in the audit log. */
export interface SimActor {
  userPrincipalName: string;
  /** The app the change went through (Intune's `actor.applicationDisplayName`). */
  app?: string;
}

export const DEMO_ADMIN: Required<SimActor> = {
  userPrincipalName: 'admin@contoso.onmicrosoft.com',
  app: 'Microsoft Intune portal extension',
};

export const AUDIT_EVENTS_PATH = '/deviceManagement/auditEvents';
/** The key `TenantFaults.forbidden` takes to answer the audit log 403 (no DeviceManagement*.Read.All). */
export const AUDIT_EVENTS_FAULT_KEY = 'auditEvents';

type Operation = 'Create' | 'Patch' | 'Delete';

/** The Graph entity names Intune's activityType uses, per collection (the last path segment). */
function entityName(collectionPath: string): string {
  const last = collectionPath.split('/').pop() ?? 'object';
  const singular = last.endsWith('ies') ? `${last.slice(0, -3)}y` : last.replace(/s$/, '');
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

/** Intune's audit log of a simulated tenant: one event per control-API change, oldest first. */
export class SimAuditLog {
  private readonly byTenant = new Map<string, Record<string, unknown>[]>();

  record(
    tenantId: string,
    change: { operation: Operation; collectionPath: string; id: string; displayName?: string },
    actor: SimActor,
    at: Date,
  ): void {
    const key = tenantId.toLowerCase();
    const events = this.byTenant.get(key) ?? [];
    const entity = entityName(change.collectionPath);
    events.push({
      id: crypto.randomUUID(),
      displayName: `${change.operation} ${entity}`,
      componentName: 'DeviceConfiguration',
      activity: `${change.operation.toLowerCase()} ${entity}`,
      activityDateTime: at.toISOString(),
      activityType: `${change.operation} ${entity}`,
      activityOperationType: change.operation,
      activityResult: 'Success',
      correlationId: crypto.randomUUID(),
      category: 'DeviceConfiguration',
      actor: {
        auditActorType: 'ItPro',
        userPrincipalName: actor.userPrincipalName,
        applicationDisplayName: actor.app ?? DEMO_ADMIN.app,
        userId: crypto.randomUUID(),
        ipAddress: '192.0.2.10',
      },
      resources: [
        {
          displayName: change.displayName ?? change.id,
          type: entity,
          resourceId: change.id,
          auditResourceType: entity,
        },
      ],
    });
    this.byTenant.set(key, events);
  }

  events(tenantId: string): Record<string, unknown>[] {
    return [...(this.byTenant.get(tenantId.toLowerCase()) ?? [])];
  }
}

const SINCE = /activityDateTime\s+(ge|gt)\s+([0-9T:.\-+Z]+)/i;

/**
 * `GET /deviceManagement/auditEvents`: honours `$filter` on activityDateTime (ge/gt) and
 * `activityOperationType ne 'Get'` (every recorded event is a change), pages with `$skiptoken`.
 */
export function serveAuditEvents(
  ctx: GraphRequestContext,
  log: SimAuditLog,
  pageSize: number,
  origin: string,
): GraphAnswer {
  if (ctx.faults.forbidden?.includes(AUDIT_EVENTS_FAULT_KEY)) {
    return graphError(
      403,
      'Forbidden',
      'Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementApps.Read.All, DeviceManagementConfiguration.Read.All',
    );
  }
  let events = log.events(ctx.tenantId);
  const since = SINCE.exec(ctx.query.get('$filter') ?? '');
  if (since) {
    const at = Date.parse(since[2] ?? '');
    if (Number.isNaN(at)) return graphError(400, 'BadRequest', `Invalid filter clause: ${since[0]}`);
    events = events.filter((e) => {
      const t = Date.parse(String(e.activityDateTime));
      return since[1]?.toLowerCase() === 'gt' ? t > at : t >= at;
    });
  }
  const skip = Number(ctx.query.get('$skiptoken') ?? '0') || 0;
  const body: Record<string, unknown> = {
    '@odata.context': `${origin}/${ctx.version}/$metadata#deviceManagement/auditEvents`,
    value: events.slice(skip, skip + pageSize),
  };
  if (skip + pageSize < events.length) {
    const next = new URLSearchParams(ctx.query);
    next.set('$skiptoken', String(skip + pageSize));
    body['@odata.nextLink'] = `${origin}/${ctx.version}${ctx.path}?${next.toString()}`;
  }
  return { status: 200, body };
}
