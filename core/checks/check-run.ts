import type { ConversationRef } from '../bindings/channel-binding';
import type { Actor, Coverage, Tenant } from '../model';

export type CheckTrigger = 'schedule' | 'manual' | 'startup';

/** `partial`: some policy types were not read completely; their findings were left as they were. */
export type CheckStatus = 'running' | 'complete' | 'partial' | 'failed' | 'abandoned';

export interface CheckCounts {
  new: number;
  reopened: number;
  resolved: number;
  unchanged: number;
  /** Findings that ask for attention after this check (open or acknowledged, not muted). */
  open: number;
  /** Still open, drifted further (a different signature): news like new and reopened. */
  changed?: number;
}

/** A check that could not read the tenant at all, with what to do about it. */
export interface CheckError {
  code:
    | 'consent-missing'
    | 'permission-missing'
    | 'credentials-invalid'
    | 'tenant-unknown'
    | 'graph-unavailable'
    | 'internal';
  message: string;
  /** Graph application permission to grant, when that is the fix. */
  permission?: string;
}

/** The conversation that asked for a check from chat: it gets the result, bound or not. */
export interface CheckReplyTo {
  reference: ConversationRef;
  /** Where to answer: the thread the request was made in (a channel thread id carries ";messageid="). */
  conversationId: string;
}

/** One execution of: read tenant, compare with baseline, update findings, notify. */
export interface CheckRun {
  id: string;
  tenantId: string;
  trigger: CheckTrigger;
  status: CheckStatus;
  startedAt: string;
  finishedAt?: string;
  /** The process (replica) that held the lease. */
  holder: string;
  coverage: Coverage;
  graphRequests: number;
  counts: CheckCounts;
  baselineVersion?: number;
  /** True when this run captured the first baseline (and so raised no findings). */
  baselineCaptured?: boolean;
  error?: CheckError;
  /** Why a run was abandoned, or what a first run did ("baseline captured"), in words for people. */
  note?: string;
  requestedBy?: Actor;
  replyTo?: CheckReplyTo;
}

/** What the notifier receives after a check. */
export interface CheckResult {
  tenant: Tenant;
  run: CheckRun;
  newFindingIds: string[];
  reopenedFindingIds: string[];
  resolvedFindingIds: string[];
  /** Open findings whose drift signature changed: news, though their state did not. */
  changedFindingIds?: string[];
}
