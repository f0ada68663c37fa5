import type { Drift, Severity } from '../model';
import { SEVERITIES } from '../model';
import type { DiffResult } from './diff-inventories';

/** The `driftwatch diff --format json` contract (issue 4): keep these keys and their order. */
export interface DiffReport {
  summary: { modified: number; missing: number; added: number; unchanged: number };
  findings: {
    kind: Drift['kind'];
    policyType: string;
    key: string;
    displayName: string;
    severity: Severity;
    changes: { path: string; baseline: unknown; current: unknown }[];
  }[];
}

export function toDiffReport(result: DiffResult): DiffReport {
  const count = (kind: Drift['kind']) => result.drifts.filter((d) => d.kind === kind).length;
  return {
    summary: {
      modified: count('modified'),
      missing: count('missing'),
      added: count('added'),
      unchanged: result.unchanged,
    },
    findings: result.drifts.map((d) => ({
      kind: d.kind,
      policyType: d.policyType,
      key: d.key,
      displayName: d.displayName,
      severity: d.severity,
      changes: d.changes.map((c) => ({
        path: c.path,
        baseline: c.baseline ?? null,
        current: c.current ?? null,
      })),
    })),
  };
}

const MAX_VALUE = 120;

/** For people: grouped by severity, one line per change (or per missing/added object). */
export function formatDiffText(report: DiffReport): string {
  const lines: string[] = [];
  for (const severity of SEVERITIES) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push(`${severity.toUpperCase()} (${findings.length})`);
    for (const f of findings) {
      const what = `${f.kind.padEnd(8)} ${f.policyType} "${f.displayName}"`;
      if (f.changes.length === 0) lines.push(`  ${what}`);
      for (const c of f.changes) lines.push(`  ${what} ${c.path}: ${show(c.baseline)} -> ${show(c.current)}`);
    }
    lines.push('');
  }
  const s = report.summary;
  lines.push(`${s.modified} modified, ${s.missing} missing, ${s.added} added, ${s.unchanged} unchanged`);
  return lines.join('\n') + '\n';
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
