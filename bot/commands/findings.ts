import { EXIT, parseCommandArgs, UsageError, type CliIo } from '../cli';
import type { FindingFilter } from '../../core/findings/finding-store';
import { FINDING_STATES, SEVERITIES, type Finding, type FindingState, type Severity } from '../../core/model';
import { requireTenant, withCommandContext } from './command-context';

const USAGE =
  'driftwatch findings [--tenant <id|name>] [--severity critical|high|medium|low] [--state open,acknowledged,…|all] [--format text|json]';

/**
 * `driftwatch findings`: the findings of one tenant or all, most severe first. `--severity high`
 * means high and above; by default the states that ask for attention (open, acknowledged).
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      tenant: { type: 'string' },
      severity: { type: 'string' },
      state: { type: 'string', default: 'open,acknowledged' },
      format: { type: 'string', default: 'text' },
    },
    USAGE,
  );
  const severity = values.severity;
  if (severity !== undefined && !isSeverity(severity))
    throw new UsageError(`--severity is one of ${SEVERITIES.join(', ')}`, USAGE);
  const states = values.state === 'all' ? [...FINDING_STATES] : values.state.split(',').map((s) => s.trim());
  const bad = states.filter((s) => !(FINDING_STATES as readonly string[]).includes(s));
  if (bad.length > 0)
    throw new UsageError(`unknown state ${bad.join(', ')}; states: ${FINDING_STATES.join(', ')}, all`, USAGE);
  const filter: FindingFilter = {
    states: states as FindingState[],
    ...(severity && { minSeverity: severity }),
  };

  return withCommandContext(io, async (ctx) => {
    const tenants = values.tenant ? [await requireTenant(ctx, values.tenant)] : await ctx.tenants.list();
    const rows: { tenant: string; finding: Finding }[] = [];
    for (const t of tenants)
      for (const f of await ctx.stores.findings.list(t.id, filter)) rows.push({ tenant: t.name, finding: f });
    if (values.format === 'json') {
      io.stdout.write(
        JSON.stringify({ findings: rows.map((r) => ({ tenantName: r.tenant, ...r.finding })) }, null, 2) +
          '\n',
      );
      return EXIT.ok;
    }
    if (rows.length === 0) io.stdout.write('No findings match.\n');
    for (const { tenant, finding: f } of rows) {
      const paths = f.changes
        .map((c) => c.path)
        .slice(0, 3)
        .join(', ');
      io.stdout.write(
        `${f.severity.padEnd(8)} ${f.state.padEnd(14)} ${tenant}  ${f.policyType}  ${f.displayName}  ${f.kind}${paths ? `: ${paths}` : ''}  (${f.id})\n`,
      );
    }
    return EXIT.ok;
  });
}

function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}
