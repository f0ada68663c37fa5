import type { AuditEvent } from '../graph/tenant-reader';
import type { Attribution } from '../model';

/** How far back a check asks the audit log: a tenant unchecked for longer is attributed from the last week only. */
export const MAX_AUDIT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** The start of the audit window: the previous complete check, at most a week back. */
export function auditWindowStart(now: Date, previousCheckAt: string | undefined): Date {
  const floor = now.getTime() - MAX_AUDIT_WINDOW_MS;
  const previous = previousCheckAt === undefined ? Number.NaN : Date.parse(previousCheckAt);
  return new Date(Number.isNaN(previous) ? floor : Math.max(previous, floor));
}

/**
 * Who last changed each object, by Graph id (compared without case, as Graph ids are GUIDs in
 * either case): the latest event at or before the check, since a later one did not make what it saw.
 */
export function attributionsByObject(
  events: readonly AuditEvent[],
  checkAt: Date,
): (key: string) => Attribution | undefined {
  const latest = new Map<string, AuditEvent>();
  for (const event of events) {
    const at = Date.parse(event.at);
    if (Number.isNaN(at) || at > checkAt.getTime()) continue;
    for (const id of event.resourceIds) {
      const key = id.toLowerCase();
      const known = latest.get(key);
      if (!known || Date.parse(known.at) <= at) latest.set(key, event);
    }
  }
  return (key) => {
    const event = latest.get(key.toLowerCase());
    if (!event) return undefined;
    return {
      by: event.by,
      ...(event.via !== undefined && { via: event.via }),
      at: event.at,
      ...(event.activity !== undefined && { activity: event.activity }),
    };
  };
}
