/**
 * Whether a tenant missed its schedule while no replica was running: its last complete check is
 * older than one interval of its schedule (or it was never checked).
 */
export function isCatchUpDue(
  lastCompleteAt: Date | undefined,
  intervalMs: number | undefined,
  now: Date,
): boolean {
  if (!lastCompleteAt) return true;
  if (intervalMs === undefined) return false;
  return now.getTime() - lastCompleteAt.getTime() > intervalMs;
}
