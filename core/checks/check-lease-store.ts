/**
 * One lease per tenant: whoever holds it may check the tenant. A lease names the run it protects and
 * expires unless renewed, so a holder that dies never blocks the next check.
 */
export interface CheckLease {
  tenantId: string;
  holder: string;
  runId: string;
  expiresAt: Date;
}

export type LeaseAcquire =
  /** `previous`: a run whose holder let its lease expire without finishing: to be marked abandoned. */
  | { acquired: true; previous?: { runId: string; holder: string } }
  | { acquired: false; heldBy: { runId: string; holder: string } };

/** Implemented over MongoDB in core/storage/mongo/mongo-lease-store.ts. */
export interface CheckLeaseStore {
  /** Takes the lease if nobody holds it or the holder's lease expired (at `now`). */
  acquire(lease: CheckLease, now: Date): Promise<LeaseAcquire>;
  /** Extends a lease this run still holds; false when it was lost (expired and taken over). */
  renew(tenantId: string, runId: string, expiresAt: Date): Promise<boolean>;
  /** Lets go of the lease if this run still holds it. */
  release(tenantId: string, runId: string, now: Date): Promise<void>;
  /** The current holder, if the lease is held and not expired at `now`. */
  current(tenantId: string, now: Date): Promise<CheckLease | undefined>;
}
