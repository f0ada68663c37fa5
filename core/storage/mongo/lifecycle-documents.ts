import { z } from 'zod';
import { FINDING_KINDS, FINDING_STATES, SEVERITIES } from '../../model';
import type { Change, NormalisedObject } from '../../model';
import { SYSTEM_ACTIONS, TRANSITION_KINDS } from '../../findings/audit-entry';
import { ActorDoc } from './document-parts';

// Documents are read through zod so a hand-edited or older document fails here, loudly, not in a card.
// Object bodies and change values are arbitrary JSON whose keys may hold dots or dollars (OMA-URIs,
// settings ids), so they are stored as JSON text; nothing queries inside them.

const HistoryDoc = z.object({
  at: z.string(),
  actor: ActorDoc.nullable(),
  action: z.string(),
  from: z.enum(FINDING_STATES),
  to: z.enum(FINDING_STATES),
  reason: z.string().optional(),
  until: z.string().optional(),
  conversationId: z.string().optional(),
});

const AttributionDoc = z.object({
  by: z.string(),
  via: z.string().optional(),
  at: z.string(),
  activity: z.string().optional(),
});

export const FindingDoc = z.object({
  _id: z.string(),
  tenantId: z.string(),
  policyType: z.string(),
  key: z.string(),
  displayName: z.string(),
  kind: z.enum(FINDING_KINDS),
  severity: z.enum(SEVERITIES),
  /** Index of the severity in SEVERITIES (critical = 0), for "at least high" queries and sorting. */
  severityRank: z.number(),
  changesJson: z.string(),
  signature: z.string(),
  state: z.enum(FINDING_STATES),
  version: z.number().int(),
  assignee: ActorDoc.optional(),
  until: z.string().optional(),
  reason: z.string().optional(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  updatedAt: z.string(),
  history: z.array(HistoryDoc),
  attribution: AttributionDoc.optional(),
});
export type FindingDoc = z.infer<typeof FindingDoc>;

export const AuditDoc = z.object({
  _id: z.string(),
  findingId: z.string(),
  tenantId: z.string(),
  at: z.string(),
  actor: ActorDoc.nullable(),
  action: z.enum([...TRANSITION_KINDS, ...SYSTEM_ACTIONS]),
  from: z.enum(FINDING_STATES),
  to: z.enum(FINDING_STATES),
  previousVersion: z.number().int(),
  findingVersion: z.number().int(),
  reason: z.string().optional(),
  until: z.string().optional(),
  conversationId: z.string().optional(),
  runId: z.string().optional(),
});
export type AuditDoc = z.infer<typeof AuditDoc>;

const SourceDoc = z.object({ kind: z.enum(['tenant', 'golden', 'export']), ref: z.string() });

/** A baseline version's header; its objects live in baseline_objects under the same `saveId`. */
export const BaselineDoc = z.object({
  _id: z.string(),
  tenantId: z.string(),
  version: z.number().int(),
  source: SourceDoc,
  createdAt: z.string(),
  createdBy: ActorDoc.nullable(),
  note: z.string(),
  acceptedFindingId: z.string().optional(),
  objectCount: z.number().int(),
});
export type BaselineDoc = z.infer<typeof BaselineDoc>;

const ObjectFields = {
  policyType: z.string(),
  key: z.string(),
  displayName: z.string(),
  hash: z.string(),
  bodyJson: z.string(),
};

export const BaselineObjectDoc = z.object({
  _id: z.string(),
  saveId: z.string(),
  index: z.number().int(),
  ...ObjectFields,
});
export type BaselineObjectDoc = z.infer<typeof BaselineObjectDoc>;

export const InventoryDoc = z.object({
  _id: z.string(),
  tenantId: z.string(),
  observedAt: z.string(),
  ...ObjectFields,
});
export type InventoryDoc = z.infer<typeof InventoryDoc>;

export const IgnoreRuleDoc = z.object({
  _id: z.string(),
  tenantId: z.string(),
  policyType: z.string(),
  key: z.string().optional(),
  paths: z.array(z.string()),
  findingId: z.string(),
  reason: z.string(),
  createdBy: ActorDoc,
  createdAt: z.string(),
});
export type IgnoreRuleDoc = z.infer<typeof IgnoreRuleDoc>;

const ChangesJson = z.array(z.object({ path: z.string(), baseline: z.unknown(), current: z.unknown() }));
const BodyJson = z.record(z.unknown());

export function changesToJson(changes: readonly Change[]): string {
  return JSON.stringify(changes);
}

export function changesFromJson(text: string): Change[] {
  return ChangesJson.parse(JSON.parse(text)).map((c) => ({
    path: c.path,
    baseline: c.baseline,
    current: c.current,
  }));
}

export function objectFields(object: NormalisedObject) {
  return {
    policyType: object.policyType,
    key: object.key,
    displayName: object.displayName,
    hash: object.hash,
    bodyJson: JSON.stringify(object.body),
  };
}

export function objectFromFields(doc: z.infer<z.ZodObject<typeof ObjectFields>>): NormalisedObject {
  return {
    policyType: doc.policyType,
    key: doc.key,
    displayName: doc.displayName,
    hash: doc.hash,
    body: BodyJson.parse(JSON.parse(doc.bodyJson)),
  };
}
