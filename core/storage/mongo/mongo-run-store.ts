import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { COVERAGE_STATUSES } from '../../model';
import type { CheckRun } from '../../checks/check-run';
import type { RunStore } from '../../checks/run-store';
import { ActorDoc, ConversationRefDoc, withoutUndefined } from './document-parts';

export const RUNS_COLLECTION = 'checkRuns';

const RunDoc = z.object({
  _id: z.string(),
  tenantId: z.string(),
  trigger: z.enum(['schedule', 'manual', 'startup']),
  status: z.enum(['running', 'complete', 'partial', 'failed', 'abandoned']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  holder: z.string(),
  coverage: z.record(
    z.object({ status: z.enum(COVERAGE_STATUSES), objects: z.number(), reason: z.string().optional() }),
  ),
  graphRequests: z.number(),
  counts: z.object({
    new: z.number(),
    reopened: z.number(),
    resolved: z.number(),
    unchanged: z.number(),
    open: z.number(),
    changed: z.number().optional(),
  }),
  baselineVersion: z.number().optional(),
  baselineCaptured: z.boolean().optional(),
  error: z
    .object({
      code: z.enum([
        'consent-missing',
        'permission-missing',
        'credentials-invalid',
        'tenant-unknown',
        'graph-unavailable',
        'internal',
      ]),
      message: z.string(),
      permission: z.string().optional(),
    })
    .optional(),
  note: z.string().optional(),
  requestedBy: ActorDoc.optional(),
  replyTo: z.object({ reference: ConversationRefDoc, conversationId: z.string() }).optional(),
});
type RunDoc = z.infer<typeof RunDoc>;

function toRun(doc: unknown): CheckRun {
  const { _id, ...rest } = RunDoc.parse(doc);
  return withoutUndefined<CheckRun>({ id: _id, ...rest });
}

function toDoc(run: CheckRun): RunDoc {
  const { id, ...rest } = run;
  return withoutUndefined<RunDoc>({ _id: id, ...rest });
}

export async function ensureRunIndexes(db: Db): Promise<void> {
  const runs = db.collection(RUNS_COLLECTION);
  await runs.createIndex({ tenantId: 1, startedAt: -1 }, { name: 'run_tenant_started' });
  await runs.createIndex({ tenantId: 1, status: 1, startedAt: -1 }, { name: 'run_tenant_status_started' });
}

/** Check runs, one document per run (`_id` = run id). Finished runs are never rewritten. */
export function createMongoRunStore(db: Db): RunStore {
  const runs: Collection<RunDoc> = db.collection<RunDoc>(RUNS_COLLECTION);
  const newest = async (filter: Partial<Pick<RunDoc, 'tenantId' | 'status'>>) => {
    const doc = await runs.find(filter).sort({ startedAt: -1, _id: -1 }).limit(1).next();
    return doc ? toRun(doc) : undefined;
  };

  return {
    async insert(run) {
      await runs.insertOne(toDoc(run));
    },
    async finish(run) {
      // Only a run still marked running is ours to finish: an abandoned one was taken over.
      const result = await runs.replaceOne({ _id: run.id, status: 'running' }, toDoc(run));
      return result.matchedCount === 1;
    },
    async markAbandoned(runId, at, reason) {
      const result = await runs.updateOne(
        { _id: runId, status: 'running' },
        { $set: { status: 'abandoned', finishedAt: at.toISOString(), note: reason } },
      );
      return result.modifiedCount === 1;
    },
    async get(runId) {
      const doc = await runs.findOne({ _id: runId });
      return doc ? toRun(doc) : undefined;
    },
    async list(tenantId, limit) {
      const docs = await runs.find({ tenantId }).sort({ startedAt: -1, _id: -1 }).limit(limit).toArray();
      return docs.map(toRun);
    },
    latest: (tenantId) => newest({ tenantId }),
    latestComplete: (tenantId) => newest({ tenantId, status: 'complete' }),
  };
}
