import type { Clock } from '../clock';
import type { RunCoordinator } from './cron';
import type { FireClaimStore } from './fire-claim-store';

/**
 * Shortest life of a fire claim. node-cron asks every replica at its own clock's fire time, so the
 * claim must outlive the clock skew between replicas plus a slow check, or a late replica runs it again.
 */
export const MIN_CLAIM_TTL_MS = 10 * 60_000;

/** node-cron's RunCoordinator over a shared FireClaimStore: one replica runs each fire. */
export function createRunCoordinator(
  claims: FireClaimStore,
  options: { holder: string; clock: Clock },
): RunCoordinator {
  return {
    async shouldRun(key, ttlMs) {
      const now = options.clock.now();
      const expiresAt = new Date(now.getTime() + Math.max(ttlMs, MIN_CLAIM_TTL_MS));
      return claims.claim(key, options.holder, now, expiresAt);
    },
    async onComplete(key) {
      await claims.complete(key, options.clock.now());
    },
  };
}
