import { FINDING_STATES, SEVERITIES, type FindingState, type Severity } from '../../core/model';

/** What a chat message asks for. Tenants stay as typed: the directory resolves them (with suggestions). */
export type Command =
  | { kind: 'help' }
  | { kind: 'status'; tenant?: string }
  | { kind: 'findings'; tenant?: string; minSeverity?: Severity; state?: FindingState | 'all' }
  | { kind: 'tenants' }
  | { kind: 'check'; tenant?: string }
  | { kind: 'baseline-capture'; tenant?: string }
  | { kind: 'link'; target: { all: true } | { tenant: string }; minSeverity?: Severity }
  | { kind: 'unlink' }
  | { kind: 'whoami' }
  | { kind: 'debug' }
  /** A known command used wrongly: `usage` says how to use it. */
  | { kind: 'invalid'; command: string; message: string; usage: string }
  | { kind: 'unknown'; word: string; suggestion?: string };

export const COMMAND_WORDS = [
  'help',
  'status',
  'findings',
  'tenants',
  'check',
  'baseline',
  'link',
  'unlink',
  'whoami',
  'debug',
] as const;

export const USAGE: Record<(typeof COMMAND_WORDS)[number], string> = {
  help: 'help',
  status: 'status [tenant]',
  findings:
    'findings [tenant] [severity>=high] [open|acknowledged|snoozed|exception|accepted|false-positive|resolved|all]',
  tenants: 'tenants',
  check: 'check [tenant]',
  baseline: 'baseline capture [tenant]',
  link: 'link <tenant> [severity>=high] · link all [severity>=high]',
  unlink: 'unlink',
  whoami: 'whoami',
  debug: 'debug',
};

/** Longest message we parse; Teams allows far more, but no command needs it. */
export const MAX_COMMAND_LENGTH = 500;

const SEVERITY_FILTER = /^(?:severity|sev|min)\s*(>=|=|:)\s*([a-z]+)$/;

/**
 * Pure: message text → Command. Tolerant of case, extra spaces, HTML from Teams (`<at>` mentions of
 * the bot or anyone, `&nbsp;`), a leading slash and quotes around tenant names.
 */
export function parseCommand(raw: string): Command {
  const tokens = tokenize(raw);
  const [first, ...rest] = tokens;
  if (first === undefined) return { kind: 'help' };
  const word = first.toLowerCase();
  switch (word) {
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'status':
      return withOptionalTenant('status', rest);
    case 'findings':
      return parseFindings(rest);
    case 'tenants':
    case 'portfolio':
      return rest.length === 0 ? { kind: 'tenants' } : invalid('tenants', 'tenants takes no arguments.');
    case 'check':
      return withOptionalTenant('check', rest);
    case 'baseline':
      return parseBaseline(rest);
    case 'link':
      return parseLink(rest);
    case 'unlink':
      return rest.length === 0
        ? { kind: 'unlink' }
        : invalid('unlink', 'unlink takes no arguments: it unbinds this channel.');
    case 'whoami':
      return { kind: 'whoami' };
    case 'debug':
      return { kind: 'debug' };
    default:
      return unknown(word);
  }
}

function tokenize(raw: string): string[] {
  const text = raw
    .slice(0, MAX_COMMAND_LENGTH * 4)
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/[\u00a0\u200b\u200e\u200f]/g, ' ')
    .replace(/\s*(>=|=)\s*/g, '$1')
    .trim()
    .replace(/^\//, '');
  return text.split(/\s+/).filter((t) => t !== '');
}

function tenantOf(tokens: readonly string[]): string | undefined {
  const name = tokens
    .join(' ')
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
    .trim();
  return name === '' ? undefined : name.slice(0, MAX_COMMAND_LENGTH);
}

function withOptionalTenant(kind: 'status' | 'check', rest: readonly string[]): Command {
  const tenant = tenantOf(rest);
  return tenant === undefined ? { kind } : { kind, tenant };
}

function parseSeverity(token: string): Severity | 'bad' | undefined {
  const match = SEVERITY_FILTER.exec(token.toLowerCase());
  if (!match) return undefined;
  const value = match[2] as Severity;
  return SEVERITIES.includes(value) ? value : 'bad';
}

const STATE_WORDS: Record<string, FindingState | 'all'> = {
  ...Object.fromEntries(FINDING_STATES.map((s) => [s, s])),
  'false-positive': 'false_positive',
  falsepositive: 'false_positive',
  fp: 'false_positive',
  acked: 'acknowledged',
  snooze: 'snoozed',
  all: 'all',
};

function parseFindings(rest: readonly string[]): Command {
  const tenantTokens: string[] = [];
  const command: { kind: 'findings'; tenant?: string; minSeverity?: Severity; state?: FindingState | 'all' } =
    {
      kind: 'findings',
    };
  for (const token of rest) {
    const severity = parseSeverity(token);
    if (severity === 'bad')
      return invalid('findings', `Unknown severity in "${token}": use ${SEVERITIES.join(', ')}.`);
    if (severity) {
      command.minSeverity = severity;
      continue;
    }
    const state = STATE_WORDS[token.toLowerCase()];
    if (state && !command.state) {
      command.state = state;
      continue;
    }
    tenantTokens.push(token);
  }
  const tenant = tenantOf(tenantTokens);
  return tenant === undefined ? command : { ...command, tenant };
}

function parseBaseline(rest: readonly string[]): Command {
  const [sub, ...tail] = rest;
  if (sub?.toLowerCase() !== 'capture') {
    return invalid('baseline', 'Only "baseline capture [tenant]" is available in chat.');
  }
  const tenant = tenantOf(tail);
  return tenant === undefined ? { kind: 'baseline-capture' } : { kind: 'baseline-capture', tenant };
}

function parseLink(rest: readonly string[]): Command {
  let minSeverity: Severity | undefined;
  const tenantTokens: string[] = [];
  for (const token of rest) {
    const severity = parseSeverity(token);
    if (severity === 'bad')
      return invalid('link', `Unknown severity in "${token}": use ${SEVERITIES.join(', ')}.`);
    if (severity) minSeverity = severity;
    else tenantTokens.push(token);
  }
  const tenant = tenantOf(tenantTokens);
  if (tenant === undefined) return invalid('link', 'Name the tenant to bind this channel to, or "all".');
  const target = tenant.toLowerCase() === 'all' ? ({ all: true } as const) : { tenant };
  return minSeverity === undefined ? { kind: 'link', target } : { kind: 'link', target, minSeverity };
}

function invalid(command: (typeof COMMAND_WORDS)[number], message: string): Command {
  return { kind: 'invalid', command, message, usage: USAGE[command] };
}

function unknown(word: string): Command {
  const shown = word.slice(0, 40);
  const suggestion = closestCommand(word);
  return suggestion === undefined
    ? { kind: 'unknown', word: shown }
    : { kind: 'unknown', word: shown, suggestion };
}

/** The command a typo most likely meant ("stauts" → "status"), if any is close. */
function closestCommand(word: string): string | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const candidate of COMMAND_WORDS) {
    const distance = editDistance(word, candidate);
    if (distance <= Math.max(1, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) {
      best = { word: candidate, distance };
    }
  }
  return best?.word;
}

/** Levenshtein distance, for typo suggestions. */
export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 64;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
