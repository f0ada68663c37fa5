import type { Actor, NormalisedObject } from '../model';
import { sortObjects, type Baseline, type BaselineSource } from './baseline';

/**
 * A baseline from a set of observed objects: version 1, or the version after `previous` when the
 * tenant already has one (recapturing replaces the desired state as a whole, as a new version).
 */
export function captureBaseline(
  tenantId: string,
  objects: readonly NormalisedObject[],
  source: BaselineSource,
  actor: Actor | null,
  now: Date,
  previous?: Pick<Baseline, 'version'>,
): Baseline {
  return {
    tenantId,
    version: (previous?.version ?? 0) + 1,
    source,
    objects: sortObjects(objects),
    createdAt: now.toISOString(),
    createdBy: actor,
    note: `captured from ${source.kind} ${source.ref}`,
  };
}
