import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What every reliability file counts; the summary table adds them up. */
export interface Tally {
  casesTried: number;
  faultsInjected: number;
  findingsLost: number;
  findingsDuplicated: number;
  postsLost: number;
  postsDuplicated: number;
  crashes: number;
  secretsLeaked: number;
}

export const EMPTY_TALLY: Tally = {
  casesTried: 0,
  faultsInjected: 0,
  findingsLost: 0,
  findingsDuplicated: 0,
  postsLost: 0,
  postsDuplicated: 0,
  crashes: 0,
  secretsLeaked: 0,
};

/** The sections of `npm test`; the soak names its own. The table prints once all have reported. */
export const SUITE_SECTIONS = [
  'graph faults',
  'mongodb restart',
  'killed holder',
  'connector faults',
  'bad input',
  'concurrency',
  'security',
] as const;

/** A counter a test file adds to as it goes, and reports from afterAll. */
export function createTally(): Tally {
  return { ...EMPTY_TALLY };
}

// Vitest's forks share one parent: its pid names the run, so files in separate workers meet in one file.
const ledgerFile = (run: string) => join(tmpdir(), `driftwatch-reliability-${run}.jsonl`);

interface Entry {
  section: string;
  tally: Tally;
}

function readEntries(file: string): Entry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Entry);
}

/**
 * Records one file's counts; when every expected section has reported in this run, prints the summary
 * table (whichever file finishes last prints it) and removes the ledger.
 */
export function reportTally(
  section: string,
  tally: Tally,
  expected: readonly string[] = SUITE_SECTIONS,
  run = String(process.ppid),
): string | undefined {
  const file = ledgerFile(run);
  appendFileSync(file, `${JSON.stringify({ section, tally })}\n`);
  const entries = readEntries(file);
  const seen = new Set(entries.map((e) => e.section));
  if (!expected.every((s) => seen.has(s))) return undefined;
  rmSync(file, { force: true });
  const table = summaryTable(entries.filter((e) => expected.includes(e.section)));
  process.stdout.write(`\n${table}\n`);
  return table;
}

const COLUMNS: [keyof Tally, string][] = [
  ['casesTried', 'cases tried'],
  ['faultsInjected', 'faults injected'],
  ['findingsLost', 'findings lost'],
  ['findingsDuplicated', 'findings duplicated'],
  ['postsLost', 'posts lost'],
  ['postsDuplicated', 'posts duplicated'],
  ['crashes', 'crashes / 5xx'],
  ['secretsLeaked', 'secrets leaked'],
];

/** A markdown table: one row per section and a total row. */
export function summaryTable(entries: readonly Entry[]): string {
  const rows = [...entries].sort((a, b) => a.section.localeCompare(b.section));
  const total = rows.reduce<Tally>((sum, e) => {
    const next = { ...sum };
    for (const [key] of COLUMNS) next[key] += e.tally[key];
    return next;
  }, createTally());
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(['reliability', ...COLUMNS.map(([, label]) => label)]),
    line(['---', ...COLUMNS.map(() => '---:')]),
    ...rows.map((e) => line([e.section, ...COLUMNS.map(([key]) => String(e.tally[key]))])),
    line(['**total**', ...COLUMNS.map(([key]) => `**${total[key]}**`)]),
  ].join('\n');
}
