import { resolve } from 'node:path';
import { EXIT, parseCommandArgs, UsageError, type CliIo } from '../cli';
import type { Tenant } from '../../core/model';
import { applyTenants, nameClash } from '../../core/tenants/apply-tenants';
import { parseTenant } from '../../core/tenants/tenant-input';
import { loadTenantsFile } from '../../core/tenants/tenants-file';
import { requireTenant, withCommandContext, type CommandContext } from './command-context';

const USAGE = [
  'driftwatch tenants list [--format text|json]',
  '       driftwatch tenants add --id <tenant GUID> --name <name> [--alias <a>]… [--schedule <cron>] [--timezone <tz>] [--approver <object id>]… [--policy-type <key>]…',
  '       driftwatch tenants update <id|name> [--name <name>] [--alias <a>]… [--schedule <cron>|""] [--timezone <tz>|""] [--approver <id>]… [--policy-type <key>]…',
  '       driftwatch tenants remove <id|name>',
  '       driftwatch tenants apply <file.json|file.yaml>',
].join('\n');

const FIELDS = {
  id: { type: 'string' },
  name: { type: 'string' },
  alias: { type: 'string', multiple: true },
  schedule: { type: 'string' },
  timezone: { type: 'string' },
  approver: { type: 'string', multiple: true },
  'policy-type': { type: 'string', multiple: true },
  format: { type: 'string', default: 'text' },
} as const;

/** `driftwatch tenants …`: the registered tenants, in the database `serve` uses. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FIELDS, USAGE, true);
  const [action, target, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`, USAGE);
  switch (action) {
    case 'list':
      return withCommandContext(io, (ctx) => list(ctx, io, values.format === 'json'));
    case 'add':
      return withCommandContext(io, async (ctx) => {
        const tenant = validated({
          id: values.id,
          name: values.name,
          aliases: values.alias,
          schedule: values.schedule,
          timezone: values.timezone,
          approvers: values.approver,
          policyTypes: values['policy-type'],
        });
        if (await ctx.tenants.get(tenant.id))
          throw new UsageError(`tenant ${tenant.id} is already registered: use update`);
        await save(ctx, tenant);
        io.stdout.write(`Added ${tenant.name} (${tenant.id})\n`);
        return EXIT.ok;
      });
    case 'update':
      return withCommandContext(io, async (ctx) => {
        const current = await requireTenant(ctx, required(target, 'update'));
        const tenant = validated({
          ...current,
          ...(values.name !== undefined && { name: values.name }),
          ...(values.alias !== undefined && { aliases: values.alias }),
          ...(values.approver !== undefined && { approvers: values.approver }),
          ...(values['policy-type'] !== undefined && { policyTypes: values['policy-type'] }),
          // An empty value returns to the default (DRIFTWATCH_SCHEDULE / DRIFTWATCH_TIMEZONE).
          schedule: values.schedule === undefined ? current.schedule : values.schedule || undefined,
          timezone: values.timezone === undefined ? current.timezone : values.timezone || undefined,
        });
        await save(ctx, tenant);
        io.stdout.write(`Updated ${tenant.name} (${tenant.id})\n`);
        return EXIT.ok;
      });
    case 'remove':
      return withCommandContext(io, async (ctx) => {
        const tenant = await requireTenant(ctx, required(target, 'remove'));
        await ctx.tenants.remove(tenant.id);
        io.stdout.write(`Removed ${tenant.name} (${tenant.id}); its findings, runs and baselines are kept\n`);
        return EXIT.ok;
      });
    case 'apply':
      return withCommandContext(io, async (ctx) => {
        const file = resolve(io.cwd, required(target, 'apply'));
        const result = await applyTenants(ctx.tenants, await loadTenantsFile(file));
        io.stdout.write(
          `Added ${result.added.length}, updated ${result.updated.length}, unchanged ${result.unchanged.length}\n`,
        );
        return EXIT.ok;
      });
    default:
      throw new UsageError(action ? `unknown action "${action}"` : 'an action is required', USAGE);
  }
}

async function list(ctx: CommandContext, io: CliIo, json: boolean): Promise<number> {
  const tenants = await ctx.tenants.list();
  if (json) {
    io.stdout.write(JSON.stringify({ tenants }, null, 2) + '\n');
    return EXIT.ok;
  }
  if (tenants.length === 0)
    io.stdout.write('No tenants registered (driftwatch tenants add --id … --name …)\n');
  for (const t of tenants) {
    const last = await ctx.runs.latest(t.id);
    const aliases = t.aliases.length > 0 ? ` (${t.aliases.join(', ')})` : '';
    const schedule = `${t.schedule ?? 'default schedule'}${t.timezone ? ` ${t.timezone}` : ''}`;
    const lastRun = last ? `last check ${last.status} ${last.finishedAt ?? last.startedAt}` : 'never checked';
    io.stdout.write(`${t.name}${aliases}  ${t.id}  ${schedule}  ${lastRun}\n`);
  }
  return EXIT.ok;
}

function required(value: string | undefined, action: string): string {
  if (!value) throw new UsageError(`tenants ${action} needs a tenant id or name`, USAGE);
  return value;
}

function validated(input: Record<string, unknown>): Tenant {
  const parsed = parseTenant(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  if (!parsed.ok)
    throw new UsageError(parsed.problems.map((p) => `--${p.field}: ${p.message}`).join('\n'), USAGE);
  return parsed.tenant;
}

async function save(ctx: CommandContext, tenant: Tenant): Promise<void> {
  const clash = await nameClash(ctx.tenants, tenant);
  if (clash) throw new UsageError(clash);
  await ctx.tenants.upsert(tenant);
}
