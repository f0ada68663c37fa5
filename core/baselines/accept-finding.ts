import type { Actor, Finding, NormalisedObject } from '../model';
import type { FindingStore, StoredTransitionResult } from '../findings/finding-store';
import type { InventoryObject, InventoryStore } from '../inventory/inventory-store';
import type { Baseline } from './baseline';
import type { BaselineStore } from './baseline-store';
import { acceptIntoBaseline } from './accept-into-baseline';

const MAX_SAVE_ATTEMPTS = 5;

export interface AcceptFindingDeps {
  findings: FindingStore;
  baselines: BaselineStore;
  inventory: InventoryStore;
}

export interface AcceptFindingInput {
  findingId: string;
  expectedVersion: number;
  actor: Actor;
  reason: string;
  now: Date;
  conversationId?: string;
}

export type AcceptFindingResult =
  | (Extract<StoredTransitionResult, { ok: true }> & { baseline: Baseline })
  | Extract<StoredTransitionResult, { ok: false }>
  | { ok: false; reason: 'no-baseline' | 'current-object-required' | 'not-in-baseline'; message: string };

/**
 * "Accept": the finding becomes accepted and the tenant's current state of that object goes into a
 * new baseline version. Everything that can refuse is checked before anything is written; the
 * finding's transition (the person's decision, audited) comes first, then the baseline version,
 * rebuilt on top of whatever version someone else saved meanwhile.
 */
export async function acceptFinding(
  deps: AcceptFindingDeps,
  input: AcceptFindingInput,
): Promise<AcceptFindingResult> {
  const finding = await deps.findings.get(input.findingId);
  const baseline = finding && (await deps.baselines.current(finding.tenantId));
  if (finding && !baseline) {
    return {
      ok: false,
      reason: 'no-baseline',
      message: 'This tenant has no baseline yet; capture one first.',
    };
  }
  if (finding && baseline) {
    const trial = await nextVersion(deps, baseline, finding, input);
    if (!trial.ok) return trial;
  }

  const transition = await deps.findings.transition(
    input.findingId,
    input.expectedVersion,
    {
      kind: 'accept',
      reason: input.reason,
      ...(input.conversationId ? { conversationId: input.conversationId } : {}),
    },
    input.actor,
    input.now,
  );
  if (!transition.ok) return transition;

  for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt += 1) {
    const current = await deps.baselines.current(transition.finding.tenantId);
    if (!current) break;
    const next = await nextVersion(deps, current, transition.finding, input);
    if (!next.ok) return next;
    const saved = await deps.baselines.save(next.baseline);
    if (saved.ok) return { ...transition, baseline: next.baseline };
  }
  throw new Error(
    `Could not save a baseline version for tenant ${transition.finding.tenantId}: it kept changing`,
  );
}

async function nextVersion(
  deps: AcceptFindingDeps,
  baseline: Baseline,
  finding: Finding,
  input: AcceptFindingInput,
) {
  const observed = finding.kind === 'missing' ? undefined : await observedObject(deps.inventory, finding);
  return acceptIntoBaseline(
    baseline,
    finding,
    observed && withoutObservedAt(observed),
    input.actor,
    input.reason,
    input.now,
  );
}

/**
 * A modified finding carries the baseline object's key; against a golden baseline that key belongs
 * to the golden tenant, so the observed object is then the one with the same (unique) display name.
 */
async function observedObject(
  inventory: InventoryStore,
  finding: Finding,
): Promise<InventoryObject | undefined> {
  const byKey = await inventory.get(finding.tenantId, finding.policyType, finding.key);
  if (byKey) return byKey;
  const sameName = (await inventory.list(finding.tenantId, finding.policyType)).filter(
    (o) => o.displayName === finding.displayName,
  );
  return sameName.length === 1 ? sameName[0] : undefined;
}

function withoutObservedAt({ observedAt: _observedAt, ...object }: InventoryObject): NormalisedObject {
  return object;
}
