import type { FindingKind, FindingState, Severity } from '../core/model';

/** How dates are shown. The bot passes the tenant's or the user's time zone; cards default to UTC. */
export interface FormatOptions {
  /** IANA time zone, e.g. "Europe/Berlin". Default "UTC". */
  timeZone?: string;
  /** BCP 47 locale for dates and numbers. Default "en-GB". */
  locale?: string;
  /** Names a policy type for people ("Conditional Access policy"); the bot passes the registry's labels. Default: the key. */
  policyTypeLabel?: (policyType: string) => string;
}

/** Adaptive Cards TextBlock colours. */
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';

const DEFAULTS: Required<FormatOptions> = { timeZone: 'UTC', locale: 'en-GB', policyTypeLabel: (key) => key };

/** A policy type as people read it. */
export function typeLabel(policyType: string, options?: FormatOptions): string {
  return (options?.policyTypeLabel ?? DEFAULTS.policyTypeLabel)(policyType);
}

function resolved(options: FormatOptions | undefined): Required<FormatOptions> {
  return { ...DEFAULTS, ...options };
}

const DATE_SHAPES = {
  dateTime: {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  shortDateTime: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

// A formatter is costly to build and a 5,000-finding summary formats many dates: one per shape, locale and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatIn(shape: keyof typeof DATE_SHAPES, iso: string, options?: FormatOptions): string {
  const { timeZone, locale } = resolved(options);
  const key = `${shape}|${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, ...DATE_SHAPES[shape] });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(iso));
}

/** "3 Dec 2025, 14:02 UTC" in the given time zone. */
export function formatDateTime(iso: string, options?: FormatOptions): string {
  return formatIn('dateTime', iso, options);
}

/** "3 Dec 2025" in the given time zone. */
export function formatDate(iso: string, options?: FormatOptions): string {
  return formatIn('date', iso, options);
}

/** A count with its noun: "1 finding", "3 findings". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : pluralForm}`;
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const SEVERITY_COLOR: Record<Severity, TextColor> = {
  critical: 'attention',
  high: 'warning',
  medium: 'accent',
  low: 'default',
};

export const STATE_LABEL: Record<FindingState, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  exception: 'Exception',
  snoozed: 'Snoozed',
  accepted: 'Accepted',
  false_positive: 'False positive',
  resolved: 'Resolved',
};

export const KIND_LABEL: Record<FindingKind, string> = {
  modified: 'modified',
  missing: 'missing from the tenant',
  added: 'added, not in the baseline',
};

/** A setting value as text: JSON for objects, "(not set)" for absent values. */
export function valueText(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

/** "3 Dec, 14:02": compact, for tables (the time zone is named in the card's header). */
export function formatShortDateTime(iso: string, options?: FormatOptions): string {
  return formatIn('shortDateTime', iso, options);
}

/** History actions in words, as a sentence goes on ("Megan Bowen acknowledged …"); an unknown action shows as recorded. */
const ACTION_LABEL: Record<string, string> = {
  acknowledge: 'acknowledged',
  assign: 'is investigating',
  unassign: 'unassigned',
  snooze: 'snoozed',
  exception: 'excepted',
  accept: 'accepted',
  falsePositive: 'marked as false positive',
  reopen: 'reopened',
  detected: 'detected',
  changed: 'saw it change further',
  redrift: 'saw it drift again',
  recurred: 'saw it come back',
  expired: 'reopened it (snooze or exception ended)',
  resolved: 'saw it resolved',
};

export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action;
}
