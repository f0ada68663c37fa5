/** What one conversation was told about one finding in the last summary that reached it. */
export interface ToldFinding {
  /** The drift signature announced: a different one is news. */
  signature: string;
  /** Announced as needing attention (open), rather than quiet (acknowledged, snoozed, closed by a person). */
  attention: boolean;
}

/** Another run is delivering to this conversation for this tenant; it expires so a crash frees it. */
export interface NotificationClaim {
  runId: string;
  until: string;
}

/**
 * The notification log of one conversation for one tenant (after alertmanager's notification log):
 * what it has been told, by finding id, so news is decided against what reached the channel rather
 * than against one run's deltas. `rev` grows with every recorded delivery.
 */
export interface NotificationLog {
  rev: number;
  findings: Record<string, ToldFinding>;
  claim?: NotificationClaim;
}

export const EMPTY_LOG: NotificationLog = { rev: 0, findings: {} };

/** How long a claim holds: longer than a delivery with all its back-offs takes. */
export const NOTIFICATION_CLAIM_MS = 5 * 60_000;

/** Is the claim still held at `at` (ISO)? */
export function claimHeld(claim: NotificationClaim | undefined, at: string): boolean {
  return claim !== undefined && claim.until > at;
}
