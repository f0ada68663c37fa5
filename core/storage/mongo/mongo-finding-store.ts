import type { AnyBulkWriteOperation, Db, Filter } from 'mongodb';
import { SEVERITIES, type Finding } from '../../model';
import type { AuditLog } from '../../findings/audit-log';
import type { FindingCount, FindingStore } from '../../findings/finding-store';
import { isAlreadyApplied } from '../../findings/is-already-applied';
import { transitionStoredFinding } from '../../findings/transition-stored-finding';
import { FINDINGS_COLLECTION } from './lifecycle-collections';
import { everyWriteErrorIsDuplicate, withoutUndefined } from './document-parts';
import { changesFromJson, changesToJson, FindingDoc } from './lifecycle-documents';
import { z } from 'zod';

/** Findings in MongoDB, one document per finding (`_id` = finding id); writes compare-and-swap on `version`. */
export function createMongoFindingStore(db: Db, audit: AuditLog): FindingStore {
  const findings = db.collection<FindingDoc>(FINDINGS_COLLECTION);

  async function read(id: string): Promise<Finding | undefined> {
    const doc = await findings.findOne({ _id: id });
    return doc ? toFinding(doc) : undefined;
  }

  async function readMany(ids: readonly string[]): Promise<Map<string, Finding>> {
    if (ids.length === 0) return new Map();
    const docs = await findings.find({ _id: { $in: [...ids] } }).toArray();
    return new Map(docs.map((doc) => [doc._id, toFinding(doc)]));
  }

  return {
    get: read,

    async list(tenantId, filter = {}) {
      const query: Filter<FindingDoc> = { tenantId };
      if (filter.minSeverity !== undefined)
        query.severityRank = { $lte: SEVERITIES.indexOf(filter.minSeverity) };
      if (filter.states !== undefined) query.state = { $in: [...filter.states] };
      if (filter.policyType !== undefined) query.policyType = filter.policyType;
      const cursor = findings.find(query).sort({ severityRank: 1, firstSeenAt: 1, _id: 1 });
      if (filter.limit !== undefined) cursor.limit(filter.limit);
      return (await cursor.toArray()).map(toFinding);
    },

    async count(filter = {}) {
      const match: Filter<FindingDoc> = {};
      if (filter.tenantIds !== undefined) match.tenantId = { $in: [...filter.tenantIds] };
      if (filter.minSeverity !== undefined)
        match.severityRank = { $lte: SEVERITIES.indexOf(filter.minSeverity) };
      if (filter.states !== undefined) match.state = { $in: [...filter.states] };
      const groups = await findings
        .aggregate([
          { $match: match },
          {
            $group: {
              _id: { tenantId: '$tenantId', severity: '$severity', state: '$state' },
              count: { $sum: 1 },
            },
          },
        ])
        .toArray();
      return groups
        .map(toCount)
        .sort(
          (a, b) =>
            compare(a.tenantId, b.tenantId) ||
            SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
            compare(a.state, b.state),
        );
    },

    async applyReconcile(result) {
      const writes: AnyBulkWriteOperation<FindingDoc>[] = result.changes.map((change) =>
        change.previousVersion === 0
          ? { insertOne: { document: toDoc(change.finding) } }
          : {
              replaceOne: {
                filter: { _id: change.finding.id, version: change.previousVersion },
                replacement: toDoc(change.finding),
              },
            },
      );
      let allInPlace = true;
      if (writes.length > 0) {
        try {
          const written = await findings.bulkWrite(writes, { ordered: false });
          const inserts = result.changes.filter((c) => c.previousVersion === 0).length;
          allInPlace = written.insertedCount === inserts && written.matchedCount === writes.length - inserts;
        } catch (error) {
          // Someone created the finding first (a repeated apply or a concurrent check): sorted out below.
          if (!everyWriteErrorIsDuplicate(error)) throw error;
          allInPlace = false;
        }
      }
      // When some write did not land, the stored versions tell which are in place anyway (a repeat)
      // and which were changed by someone else (a conflict).
      const stored = allInPlace ? undefined : await readMany(result.changes.map((c) => c.finding.id));
      const applied: string[] = [];
      const conflicts: string[] = [];
      for (const change of result.changes) {
        const current = stored?.get(change.finding.id);
        if (!stored || (current && isAlreadyApplied(current, change.finding)))
          applied.push(change.finding.id);
        else conflicts.push(change.finding.id);
      }
      await audit.append(result.changes.filter((c) => applied.includes(c.finding.id)).map((c) => c.audit));
      if (result.touches.length > 0) {
        await findings.bulkWrite(
          result.touches.map((touch) => ({
            updateOne: {
              filter: { _id: touch.id },
              update: {
                $set: {
                  lastSeenAt: touch.lastSeenAt,
                  severity: touch.severity,
                  severityRank: SEVERITIES.indexOf(touch.severity),
                  displayName: touch.displayName,
                },
              },
            },
          })),
          { ordered: false },
        );
      }
      return { applied, conflicts };
    },

    async transition(id, expectedVersion, command, actor, now) {
      return transitionStoredFinding(
        {
          read,
          async replaceIfVersion(next, expected) {
            const outcome = await findings.replaceOne({ _id: next.id, version: expected }, toDoc(next));
            return outcome.matchedCount === 1;
          },
        },
        audit,
        id,
        expectedVersion,
        command,
        actor,
        now,
      );
    },
  };
}

function toDoc(finding: Finding): FindingDoc {
  const { id, changes, ...rest } = finding;
  return withoutUndefined({
    _id: id,
    ...rest,
    severityRank: SEVERITIES.indexOf(finding.severity),
    changesJson: changesToJson(changes),
  });
}

function toFinding(raw: unknown): Finding {
  const { _id, severityRank: _rank, changesJson, history, ...rest } = FindingDoc.parse(raw);
  return withoutUndefined({
    id: _id,
    ...rest,
    changes: changesFromJson(changesJson),
    history: history.map((entry) => withoutUndefined(entry)),
  });
}

const CountDoc = z.object({
  _id: z.object({ tenantId: z.string(), severity: z.enum(SEVERITIES), state: FindingDoc.shape.state }),
  count: z.number(),
});

function toCount(raw: unknown): FindingCount {
  const { _id, count } = CountDoc.parse(raw);
  return { ..._id, count };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
