import type { CheckRun } from './check-run';

/** Where check runs are recorded. Implemented over MongoDB in core/storage/mongo/mongo-run-store.ts. */
export interface RunStore {
  /** Records a run as it starts; ids are unique. */
  insert(run: CheckRun): Promise<void>;
  /** Replaces the record of a run that this holder still owns (status `running`); false when it was taken over. */
  finish(run: CheckRun): Promise<boolean>;
  /** Marks a run that is still `running` as abandoned (its holder died or let go); false if it had finished. */
  markAbandoned(runId: string, at: Date, reason: string): Promise<boolean>;
  get(runId: string): Promise<CheckRun | undefined>;
  /** Newest first by start time. */
  list(tenantId: string, limit: number): Promise<CheckRun[]>;
  latest(tenantId: string): Promise<CheckRun | undefined>;
  /** The newest run with status `complete`: what catch-up at start compares with the schedule. */
  latestComplete(tenantId: string): Promise<CheckRun | undefined>;
}
