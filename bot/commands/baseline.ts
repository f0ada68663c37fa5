import { resolve } from 'node:path';
import { EXIT, parseCommandArgs, UsageError, type CliIo } from '../cli';
import { captureBaseline } from '../../core/baselines/capture-baseline';
import { loadExport } from '../../core/drift';
import { requireTenant, withCommandContext } from './command-context';

const USAGE = [
  'driftwatch baseline capture --tenant <id|name> [--from-export <dir> | --golden <id|name>] [--note <text>]',
  '       driftwatch baseline show --tenant <id|name> [--version <n>] [--format text|json]',
].join('\n');

const CLI_ACTOR = { id: 'cli', name: 'driftwatch CLI' };

/**
 * `driftwatch baseline`: capture a new baseline version (from the tenant itself, a golden tenant's
 * current baseline, or an export folder) or show one.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      tenant: { type: 'string' },
      'from-export': { type: 'string' },
      golden: { type: 'string' },
      note: { type: 'string' },
      version: { type: 'string' },
      format: { type: 'string', default: 'text' },
    },
    USAGE,
    true,
  );
  const [action] = positionals;
  const tenantQuery = values.tenant;
  if (!tenantQuery) throw new UsageError('--tenant is required', USAGE);
  if (action === 'capture') {
    if (values['from-export'] && values.golden)
      throw new UsageError('use --from-export or --golden, not both', USAGE);
    return withCommandContext(io, async (ctx) => {
      const tenant = await requireTenant(ctx, tenantQuery);
      const now = new Date();
      if (!values['from-export'] && !values.golden) {
        io.stdout.write(`Reading ${tenant.name} to capture its baseline…\n`);
        const result = await ctx.capturer.capture(tenant.id, { actor: CLI_ACTOR });
        if (!result.ok) {
          io.stderr.write(`${result.message}\n`);
          return EXIT.incomplete;
        }
        io.stdout.write(
          `Captured baseline version ${result.version} of ${tenant.name} (${result.objects} objects)\n`,
        );
        return EXIT.ok;
      }
      let objects;
      let source;
      if (values['from-export']) {
        const dir = resolve(io.cwd, values['from-export']);
        const loaded = await loadExport(dir);
        for (const s of loaded.skipped) io.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
        objects = loaded.objects;
        source = { kind: 'export' as const, ref: dir };
      } else {
        const golden = await requireTenant(ctx, values.golden ?? '');
        const base = await ctx.stores.baselines.current(golden.id);
        if (!base) throw new UsageError(`${golden.name} has no baseline yet to copy`);
        objects = base.objects;
        source = { kind: 'golden' as const, ref: golden.id };
      }
      const previous = await ctx.stores.baselines.current(tenant.id);
      const baseline = captureBaseline(tenant.id, objects, source, CLI_ACTOR, now, previous);
      if (values.note) baseline.note = values.note;
      const saved = await ctx.stores.baselines.save(baseline);
      if (!saved.ok) {
        io.stderr.write(`${saved.message}\n`);
        return EXIT.failure;
      }
      io.stdout.write(
        `Captured baseline version ${baseline.version} of ${tenant.name} from ${source.kind} ${source.ref} (${objects.length} objects)\n`,
      );
      return EXIT.ok;
    });
  }
  if (action === 'show') {
    return withCommandContext(io, async (ctx) => {
      const tenant = await requireTenant(ctx, tenantQuery);
      const version = values.version === undefined ? undefined : Number(values.version);
      if (version !== undefined && !Number.isInteger(version))
        throw new UsageError('--version is a whole number', USAGE);
      const baseline =
        version === undefined
          ? await ctx.stores.baselines.current(tenant.id)
          : await ctx.stores.baselines.get(tenant.id, version);
      if (!baseline) {
        io.stderr.write(`${tenant.name} has no baseline${version ? ` version ${version}` : ''} yet\n`);
        return EXIT.failure;
      }
      if (values.format === 'json') {
        io.stdout.write(JSON.stringify(baseline, null, 2) + '\n');
        return EXIT.ok;
      }
      const versions = await ctx.stores.baselines.versions(tenant.id);
      io.stdout.write(
        `${tenant.name} baseline version ${baseline.version} of ${versions.length}, ${baseline.createdAt} by ${baseline.createdBy?.name ?? 'a check'}: ${baseline.note}\n`,
      );
      const byType = new Map<string, string[]>();
      for (const o of baseline.objects)
        byType.set(o.policyType, [...(byType.get(o.policyType) ?? []), o.displayName]);
      for (const [type, names] of byType)
        io.stdout.write(`  ${type} (${names.length}): ${names.join(', ')}\n`);
      return EXIT.ok;
    });
  }
  throw new UsageError(action ? `unknown action "${action}"` : 'capture or show?', USAGE);
}
