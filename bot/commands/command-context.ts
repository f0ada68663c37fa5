import { loadConfig } from '../config';
import { UsageError, type CliIo } from '../cli';
import { openDatabase } from '../main';
import { createChecks, loggingNotifier, type Checks } from '../start-checks';
import { createServiceBot, forwardingNotifier } from '../teams/service-bot';
import { silentLogger } from '../../core/logger';
import type { Tenant } from '../../core/model';
import { createMongoStores } from '../../core/storage/mongo/create-mongo-stores';
import { ensureIndexes } from '../../core/storage/mongo/ensure-indexes';
import type { LifecycleStores } from '../../core/findings/lifecycle-stores';

export interface CommandContext extends Checks {
  stores: LifecycleStores;
  close(): Promise<void>;
}

export interface CommandContextOptions {
  /**
   * Post finished checks to the linked Teams conversations as `serve` does (same bindings, same
   * in-place updates and reminders): the Bot Connector is plain HTTPS, so no running bot is needed.
   */
  postToTeams?: boolean;
}

/**
 * What the tenants, check, baseline and findings commands share with `serve`: the same database,
 * stores, runner and leases. Without MONGODB_URI that is the embedded stand-in's data file.
 */
export async function openCommandContext(
  io: CliIo,
  options: CommandContextOptions = {},
): Promise<CommandContext> {
  const config = loadConfig(io.env);
  // The CLI speaks through stdout/stderr; the JSON log would only get in the way.
  const logger = silentLogger;
  const database = await openDatabase(config, logger);
  try {
    const db = database.connection.db;
    await ensureIndexes(db);
    const stores = createMongoStores(db);
    const forward = options.postToTeams ? forwardingNotifier(logger) : undefined;
    const checks = createChecks({ config, db, logger, stores, notifier: forward ?? loggingNotifier(logger) });
    if (forward) {
      const bot = createServiceBot({
        config,
        db,
        logger,
        tenants: checks.tenants,
        checks: checks.runner,
        stores,
      });
      forward.attach(bot.notifier);
    }
    return { ...checks, stores, close: () => database.close() };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** Runs `fn` with a context, closing the database whatever happens. */
export async function withCommandContext<T>(
  io: CliIo,
  fn: (ctx: CommandContext) => Promise<T>,
  options: CommandContextOptions = {},
): Promise<T> {
  const ctx = await openCommandContext(io, options);
  try {
    return await fn(ctx);
  } finally {
    await ctx.runner.stop();
    await ctx.close();
  }
}

/** The tenant named by id, name or alias, or a UsageError with close matches. */
export async function requireTenant(ctx: Pick<Checks, 'tenants'>, query: string): Promise<Tenant> {
  const lookup = await ctx.tenants.resolve(query);
  if (lookup.ok) return lookup.tenant;
  const hint = lookup.suggestions.length > 0 ? ` Did you mean ${lookup.suggestions.join(', ')}?` : '';
  throw new UsageError(`No tenant "${query}" is registered.${hint} (driftwatch tenants list)`);
}
