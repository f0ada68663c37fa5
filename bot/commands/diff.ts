import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  DEFAULT_SEVERITY_RULES,
  diffInventories,
  ExportFileError,
  formatDiffText,
  loadExport,
  parseSeverityRules,
  toDiffReport,
  type LoadedExport,
  type SeverityRule,
} from '../../core/drift';
import { policyTypeKeys } from '../../core/registry';
import { EXIT, parseCommandArgs, UsageError, type CliIo } from '../cli';

const USAGE =
  'driftwatch diff <baselineDir> <currentDir> [--format text|json] [--types a,b] [--rules <file>]';

/** What `scan.json` says about coverage; only the fields diff uses (the scan command owns the rest). */
const ScanCoverage = z.object({
  coverage: z
    .record(z.object({ status: z.string(), reason: z.string().optional() }).passthrough())
    .optional(),
});

/**
 * `driftwatch diff`: compare two export folders. Exit 0 no drift, 1 drift, 2 bad input (the message
 * names the folder or file). Unknown types are listed as skipped on stderr; types a scan could not read
 * completely are not compared.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { format: { type: 'string', default: 'text' }, types: { type: 'string' }, rules: { type: 'string' } },
    USAGE,
    true,
  );
  if (positionals.length !== 2)
    throw new UsageError('diff needs a baseline folder and a current folder', USAGE);
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError(`--format must be text or json, not "${values.format}"`, USAGE);
  const types = parseTypes(values.types);
  const [baselineDir, currentDir] = positionals.map((p) => resolve(io.cwd, p)) as [string, string];

  let baseline: LoadedExport;
  let current: LoadedExport;
  let rules: readonly SeverityRule[];
  try {
    rules = values.rules
      ? [...(await readRules(resolve(io.cwd, values.rules))), ...DEFAULT_SEVERITY_RULES]
      : DEFAULT_SEVERITY_RULES;
    baseline = await loadExport(baselineDir, { types });
    current = await loadExport(currentDir, { types });
  } catch (err) {
    if (err instanceof ExportFileError || err instanceof RulesFileError) {
      io.stderr.write(`driftwatch diff: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }

  for (const [dir, loaded] of [
    [baselineDir, baseline],
    [currentDir, current],
  ] as const) {
    for (const s of loaded.skipped.filter((x) => x.reason === 'unknown policy type'))
      io.stderr.write(`skipped ${resolve(dir, s.file)}: ${s.reason}\n`);
  }
  const incompleteTypes = incompleteIn(baseline, current, io);

  const result = diffInventories(baseline.objects, current.objects, {
    incompleteTypes,
    severityRules: rules,
  });
  const report = toDiffReport(result);
  io.stdout.write(values.format === 'json' ? `${JSON.stringify(report)}\n` : formatDiffText(report));
  return report.findings.length > 0 ? EXIT.drift : EXIT.ok;
}

function parseTypes(list: string | undefined): Set<string> | undefined {
  if (list === undefined) return undefined;
  const known = policyTypeKeys();
  const types = list
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = types.filter((t) => !known.includes(t));
  if (unknown.length > 0 || types.length === 0)
    throw new UsageError(
      `--types: unknown policy type ${unknown.join(', ') || '(none given)'}; known: ${known.join(', ')}`,
      USAGE,
    );
  return new Set(types);
}

class RulesFileError extends Error {}

/** Users' severity rows, JSON or YAML (a list, or `{ rules: [...] }`), put in front of the built-in table. */
async function readRules(file: string): Promise<SeverityRule[]> {
  try {
    return parseSeverityRules(parseYaml(await readFile(file, 'utf8')));
  } catch (err) {
    throw new RulesFileError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Types either scan could not read completely: comparing them would report false "missing" drift. */
function incompleteIn(baseline: LoadedExport, current: LoadedExport, io: CliIo): Set<string> {
  const out = new Set<string>();
  for (const loaded of [baseline, current]) {
    const scan = ScanCoverage.safeParse(loaded.scan ?? {});
    for (const [type, c] of Object.entries(scan.success ? (scan.data.coverage ?? {}) : {})) {
      if (c.status === 'complete' || out.has(type)) continue;
      out.add(type);
      io.stderr.write(
        `not compared: ${type} was not read completely (${c.status}${c.reason ? `: ${c.reason}` : ''})\n`,
      );
    }
  }
  return out;
}
