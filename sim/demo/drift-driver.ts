import type { Logger } from '../../core/logger';
import type { GraphSimulatorControl } from '../graph/control';
import type { GraphObject } from '../graph/tenant-data';
import { DEMO_TENANTS } from './demo-tenants';

/** One realistic change an admin might make in a tenant, and how to put it back. */
interface DemoChange {
  tenant: (typeof DEMO_TENANTS)[number]['name'];
  policyType: string;
  /** Which object (by display name prefix). */
  displayName: string;
  /** What happened, as the console tells it. */
  story: string;
  /** The changed object, or null to delete it. */
  change(object: GraphObject): GraphObject | null;
}

const FIRST_STEP_AFTER_MS = 20_000;
const PILOT_GROUP = '9a1e5c3d-0000-4000-8000-00000000f001';

/** The rotation: each change is made, and after all were made each is undone (news: resolved). */
export const DEMO_CHANGES: readonly DemoChange[] = [
  {
    tenant: 'contoso',
    policyType: 'conditionalAccessPolicy',
    displayName: 'CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA',
    story: 'Conditional Access "require MFA" switched to report-only',
    change: (o) => ({ ...o, state: 'enabledForReportingButNotEnforced' }),
  },
  {
    tenant: 'fabrikam',
    policyType: 'compliancePolicy',
    displayName: 'Baseline - Android Enterprise - Device Properties',
    story: 'compliance minimum Android version lowered from 12.0 to 10.0',
    change: (o) => ({ ...o, osMinimumVersion: '10.0' }),
  },
  {
    tenant: 'contoso',
    policyType: 'conditionalAccessPolicy',
    displayName: 'CA003-Global-BaseProtection-RegisterOrJoin-AnyPlatform-MFA',
    story: 'Conditional Access "MFA to register or join" assignment narrowed from all users to a pilot group',
    change: (o) => {
      const conditions = (o['conditions'] ?? {}) as Record<string, unknown>;
      const users = (conditions['users'] ?? {}) as Record<string, unknown>;
      return {
        ...o,
        conditions: { ...conditions, users: { ...users, includeUsers: [], includeGroups: [PILOT_GROUP] } },
      };
    },
  },
  {
    tenant: 'contoso',
    policyType: 'compliancePolicy',
    displayName: 'Baseline - Android Enterprise - Microsoft Defender for Endpoint',
    story: 'compliance policy "Microsoft Defender for Endpoint" deleted',
    change: () => null,
  },
];

export interface DriftStep {
  tenantId: string;
  tenant: string;
  /** What the console says, e.g. 'contoso: compliance policy … deleted'. */
  description: string;
}

export interface DriftDriver {
  /** Makes the next change of the rotation (or undoes one); undefined when its object is gone. */
  step(): DriftStep | undefined;
  /**
   * Steps every `intervalMs` until stopped. The first step comes sooner (20 s at most), so each run
   * brings news to a freshly opened Playground even when the stored findings are all known.
   */
  start(intervalMs: number, onStep?: (step: DriftStep) => void): void;
  stop(): void;
}

/**
 * Keeps the demo alive: changes one tenant at a time through the Graph simulator's control API, so
 * scheduled checks keep finding news. Even steps of a cycle make the changes, odd ones undo them.
 */
export function createDriftDriver(control: GraphSimulatorControl, logger: Logger): DriftDriver {
  let next = 0;
  const originals = new Map<number, GraphObject>();
  let timer: NodeJS.Timeout | undefined;

  function step(): DriftStep | undefined {
    const position = next % (DEMO_CHANGES.length * 2);
    next += 1;
    const undo = position >= DEMO_CHANGES.length;
    const index = undo ? position - DEMO_CHANGES.length : position;
    const change = DEMO_CHANGES[index];
    if (!change) return undefined;
    const tenant = DEMO_TENANTS.find((t) => t.name === change.tenant);
    if (!tenant) return undefined;
    if (undo) {
      const original = originals.get(index);
      if (!original) return undefined;
      control.upsertObject(tenant.id, change.policyType, structuredClone(original));
      originals.delete(index);
      return { tenantId: tenant.id, tenant: tenant.name, description: `put back: ${change.story}` };
    }
    const object = control
      .objects(tenant.id, change.policyType)
      .find((o) => String(o['displayName'] ?? '').startsWith(change.displayName));
    if (!object) return undefined;
    originals.set(index, structuredClone(object));
    const changed = change.change(structuredClone(object));
    if (changed) control.upsertObject(tenant.id, change.policyType, changed);
    else control.deleteObject(tenant.id, change.policyType, String(object['id']));
    return { tenantId: tenant.id, tenant: tenant.name, description: change.story };
  }

  return {
    step,
    start(intervalMs, onStep) {
      const tick = () => {
        const done = step();
        if (done) {
          logger.info({ tenantId: done.tenantId, change: done.description }, 'Demo tenant changed');
          onStep?.(done);
        }
      };
      const schedule = (ms: number) => {
        timer = setTimeout(() => {
          tick();
          schedule(intervalMs);
        }, ms);
        timer.unref();
      };
      schedule(Math.min(FIRST_STEP_AFTER_MS, intervalMs));
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
