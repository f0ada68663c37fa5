import type { Finding } from '../model';

/**
 * A stored finding that already is the result of this write (a repeated apply of the same check),
 * as opposed to someone else's newer write. Reconcile writes are stamped with the check's time.
 */
export function isAlreadyApplied(stored: Finding, written: Finding): boolean {
  return (
    stored.version === written.version &&
    stored.updatedAt === written.updatedAt &&
    stored.state === written.state
  );
}
