import type { FireClaimStore } from '../../../core/scheduling/fire-claim-store';

/** A FireClaimStore in memory, shared by schedulers that play the part of replicas in one process. */
export class InMemoryFireClaims implements FireClaimStore {
  readonly claims = new Map<string, { holder: string; expiresAt: Date; completedAt?: Date }>();

  async claim(key: string, holder: string, now: Date, expiresAt: Date): Promise<boolean> {
    const existing = this.claims.get(key);
    if (existing && existing.expiresAt > now) return false;
    this.claims.set(key, { holder, expiresAt });
    return true;
  }

  async complete(key: string, at: Date): Promise<void> {
    const claim = this.claims.get(key);
    if (claim) claim.completedAt = at;
  }
}
