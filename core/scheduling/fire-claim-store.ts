/**
 * Claims on scheduled fires: one record per job and fire time. The first replica to claim a fire
 * runs it; the others skip. Implemented over MongoDB in core/storage/mongo/mongo-fire-claim-store.ts.
 */
export interface FireClaimStore {
  /** True for exactly one caller per key while the claim has not expired. */
  claim(key: string, holder: string, now: Date, expiresAt: Date): Promise<boolean>;
  /** Notes that the fire finished; the claim stays until it expires so late replicas still skip. */
  complete(key: string, at: Date): Promise<void>;
}
