import { z } from 'zod';
import { GraphCallError, type GraphTransport } from './graph-transport';
import type { AuditEvent, AuditRead } from './tenant-reader';

/** Graph's shape of one Intune audit event, as far as attribution reads it; the rest is ignored. */
const AuditEventBody = z.object({
  activityDateTime: z.string(),
  activityType: z.string().nullish(),
  actor: z
    .object({
      userPrincipalName: z.string().nullish(),
      applicationDisplayName: z.string().nullish(),
      servicePrincipalName: z.string().nullish(),
    })
    .nullish(),
  resources: z.array(z.object({ resourceId: z.string().nullish() })).nullish(),
});

const Page = z.object({
  value: z.array(z.unknown()).default([]),
  '@odata.nextLink': z.string().optional(),
});

/** The Intune audit log's collection, changes only (reads are logged too and are noise here). */
export function auditEventsUrl(since: Date): string {
  const filter = `activityDateTime ge ${since.toISOString()} and activityOperationType ne 'Get'`;
  const select = 'activityDateTime,activityType,actor,resources';
  return `/deviceManagement/auditEvents?$filter=${encodeURIComponent(filter)}&$select=${select}`;
}

/** One event as attribution uses it; undefined for an event that names no actor or no object. */
export function toAuditEvent(raw: unknown): AuditEvent | undefined {
  const parsed = AuditEventBody.safeParse(raw);
  if (!parsed.success) return undefined;
  const { actor, resources, activityDateTime, activityType } = parsed.data;
  const user = actor?.userPrincipalName || undefined;
  const app = actor?.applicationDisplayName || undefined;
  const by = user ?? actor?.servicePrincipalName ?? app;
  const resourceIds = (resources ?? []).flatMap((r) => (r.resourceId ? [r.resourceId] : []));
  if (!by || resourceIds.length === 0) return undefined;
  return {
    resourceIds,
    by,
    ...(user && app && { via: app }),
    at: activityDateTime,
    ...(activityType && { activity: activityType }),
  };
}

/**
 * Every page of the audit log since `since`. Attribution is a courtesy: a 403 (no permission), an
 * error or an endless paging answers `unavailable` instead of throwing, so the check goes on.
 */
export async function readAuditEvents(
  transport: GraphTransport,
  since: Date,
  maxPages: number,
  signal?: AbortSignal,
): Promise<Omit<AuditRead, 'graphRequests'>> {
  const events: AuditEvent[] = [];
  try {
    let url: string | undefined = auditEventsUrl(since);
    for (let pages = 0; url !== undefined; pages += 1) {
      if (pages >= maxPages) {
        return {
          status: 'unavailable',
          events: [],
          reason: `audit log paging did not end after ${maxPages} pages`,
        };
      }
      signal?.throwIfAborted();
      const page = Page.parse(await transport.get(url, 'beta'));
      for (const raw of page.value) {
        const event = toAuditEvent(raw);
        if (event) events.push(event);
      }
      url = page['@odata.nextLink'];
    }
    return { status: 'complete', events };
  } catch (err) {
    if (signal?.aborted) throw err;
    if (err instanceof GraphCallError && err.status === 403) {
      return {
        status: 'unavailable',
        events: [],
        reason:
          '403 Forbidden reading the Intune audit log: grant DeviceManagementConfiguration.Read.All or DeviceManagementApps.Read.All',
      };
    }
    const message = err instanceof Error ? err.message : String(err);
    return { status: 'unavailable', events: [], reason: `audit log not read: ${message}` };
  }
}
