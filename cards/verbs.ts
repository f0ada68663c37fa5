import { z } from 'zod';

/**
 * Action.Execute verbs, shared by the card templates and the bot's routes. A contract test checks
 * that every verb used in cards/templates/*.json is listed here and that the bot routes each one.
 * The Action.Submit fallback of every action carries the same verb in `data.verb`, which is what
 * teams-ai's actionSubmit filter matches by default.
 */
export const Verb = {
  /** Mark one finding seen. Data: FindingActionData. */
  Acknowledge: 'finding.acknowledge',
  /** Open the triage form; with `decision` the form for that decision. Data: TriageActionData. */
  Triage: 'finding.triage',
  /** The triage form's submit: FindingActionData + `decision` and the inputs `reason`, `until`. */
  TriageSubmit: 'finding.triage.submit',
  /** Set the clicker as assignee ("investigating"). Data: FindingActionData. */
  AssignToMe: 'finding.assign-to-me',
  /** Show the finding detail card. Data: DetailsActionData. */
  Details: 'finding.details',
  /** List findings (the summary's "N more", a portfolio row, paging). Data: MoreActionData. */
  More: 'findings.more',
  /** Rebuild the card from current data (Universal Actions refresh). Data: RefreshActionData. */
  Refresh: 'card.refresh',
} as const;
export type Verb = (typeof Verb)[keyof typeof Verb];

/** Every verb, for the routing contract test. */
export const VERBS: readonly Verb[] = Object.values(Verb);

/** What the triage form offers. `investigating` assigns the clicker; the others are target states. */
export const TRIAGE_DECISIONS = [
  'investigating',
  'accepted',
  'exception',
  'false_positive',
  'snoozed',
] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

/** The cards the Refresh verb can rebuild. */
export const REFRESHABLE_CARDS = ['summary', 'detail', 'status', 'portfolio', 'findings'] as const;
export type RefreshableCard = (typeof REFRESHABLE_CARDS)[number];

// Card payloads are untrusted (teams-ai's TData is only a cast): the bot parses them with these.
const Id = z.string().min(1).max(200);
const Version = z.number().int().nonnegative();

/** One finding and the version the card showed. */
export const ShownFinding = z.object({ id: Id, version: Version });
export type ShownFinding = z.infer<typeof ShownFinding>;

export const FindingActionData = z.object({ tenantId: Id, findingId: Id, version: Version });
export type FindingActionData = z.infer<typeof FindingActionData>;

export const TriageActionData = FindingActionData.extend({ decision: z.enum(TRIAGE_DECISIONS).optional() });
export type TriageActionData = z.infer<typeof TriageActionData>;

export const DetailsActionData = FindingActionData.extend({
  changesOffset: z.number().int().nonnegative().optional(),
});
export type DetailsActionData = z.infer<typeof DetailsActionData>;

export const MoreActionData = z.object({
  /** Absent: every tenant (a portfolio channel). */
  tenantId: Id.optional(),
  offset: z.number().int().nonnegative(),
  /** The findings the card showed when the button was pressed. */
  findings: z.array(ShownFinding),
});
export type MoreActionData = z.infer<typeof MoreActionData>;

export const RefreshActionData = z.object({
  card: z.enum(REFRESHABLE_CARDS),
  tenantId: Id.optional(),
  findingId: Id.optional(),
  runId: Id.optional(),
  offset: z.number().int().nonnegative().optional(),
  findings: z.array(ShownFinding),
});
export type RefreshActionData = z.infer<typeof RefreshActionData>;
