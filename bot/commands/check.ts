import { EXIT, parseCommandArgs, UsageError, type CliIo } from '../cli';
import type { CheckRun } from '../../core/checks/check-run';
import { policyTypeKeys } from '../../core/registry';
import { createCheckProgress } from './check-progress';
import { requireTenant, withCommandContext } from './command-context';

const USAGE = 'driftwatch check --tenant <id|name|alias> [--format text|json]';

/**
 * `driftwatch check`: one check now, with the runner and lease the bot and the schedule use; the
 * result reaches the linked Teams conversations as a scheduled check's would.
 * Exit 0 no drift, 1 drift (open findings), 3 incomplete read without drift, 4 could not run.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { tenant: { type: 'string' }, format: { type: 'string', default: 'text' } },
    USAGE,
  );
  if (!values.tenant) throw new UsageError('--tenant is required', USAGE);
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError('--format is text or json', USAGE);
  const json = values.format === 'json';
  const query = values.tenant;

  return withCommandContext(
    io,
    async (ctx) => {
      const tenant = await requireTenant(ctx, query);
      const types =
        tenant.policyTypes && tenant.policyTypes.length > 0 ? tenant.policyTypes : policyTypeKeys();
      if (!json) io.stdout.write(`Checking ${tenant.name} (${tenant.id})\n`);
      const onProgress = json ? undefined : createCheckProgress(io.stdout, types);
      const stop = new AbortController();
      void io.stopSignal.then(() => stop.abort(new Error('interrupted')));
      const outcome = await ctx.runner.run(tenant.id, { trigger: 'manual', signal: stop.signal, onProgress });
      if (!outcome.ran) {
        const why =
          outcome.reason === 'already-running'
            ? `a check of ${tenant.name} is already running (run ${outcome.runId} on ${outcome.holder})`
            : outcome.reason;
        io.stderr.write(`Not checked: ${why}\n`);
        return EXIT.failure;
      }
      const { tenant: _registered, ...result } = outcome.result;
      const run = result.run;
      if (json)
        io.stdout.write(
          JSON.stringify({ tenant: { id: tenant.id, name: tenant.name }, ...result }, null, 2) + '\n',
        );
      else io.stdout.write(summary(run));
      return exitCode(run);
    },
    { postToTeams: true },
  );
}

function exitCode(run: CheckRun): number {
  if (run.status === 'abandoned') return EXIT.failure;
  if (run.counts.open > 0) return EXIT.drift;
  if (run.status === 'partial' || run.status === 'failed') return EXIT.incomplete;
  return EXIT.ok;
}

function summary(run: CheckRun): string {
  const lines = [`Run ${run.id}: ${run.status}, ${run.graphRequests} Graph requests`];
  if (run.note) lines.push(run.note);
  if (run.error) lines.push(`Error (${run.error.code}): ${run.error.message}`);
  const c = run.counts;
  lines.push(
    `Findings: ${c.new} new, ${c.reopened} reopened, ${c.changed ?? 0} changed, ${c.resolved} resolved, ${c.unchanged} unchanged; ${c.open} open`,
  );
  // A failed run already said why; listing every type with the same reason would bury it.
  const notRead =
    run.status === 'failed' ? [] : Object.entries(run.coverage).filter(([, t]) => t.status !== 'complete');
  for (const [type, t] of notRead)
    lines.push(`Not checked: ${type} (${t.status}${t.reason ? `: ${t.reason}` : ''})`);
  return lines.join('\n') + '\n';
}
