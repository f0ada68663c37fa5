import type { Db } from 'mongodb';
import { captureBaseline } from '../../core/baselines/capture-baseline';
import type { ConversationRef } from '../../core/bindings/channel-binding';
import type { Clock } from '../../core/clock';
import { loadExport } from '../../core/drift';
import type { Actor, Tenant } from '../../core/model';
import { createMongoBaselineStore } from '../../core/storage/mongo/mongo-baseline-store';
import { createMongoBindingStore } from '../../core/storage/mongo/mongo-binding-store';
import { createMongoTenantStore } from '../../core/storage/mongo/mongo-tenant-store';
import { applyTenants } from '../../core/tenants/apply-tenants';
import { PLAYGROUND_TEAMS } from '../playground/playground-config';
import { DEMO_TENANTS } from './demo-tenants';

/** Who set the demo up, as baselines and the binding record it. */
export const DEMO_ACTOR: Actor = { id: 'demo', name: 'driftwatch demo' };

export interface SeedResult {
  tenants: { added: string[]; updated: string[]; unchanged: string[] };
  /** Tenants that got the golden baseline now (empty on later starts). */
  goldenBaselines: string[];
  /** The tenant the Playground team's General channel is linked to. */
  boundTo: string;
}

/** The Playground team's General channel as the bot would capture it from the installation. */
export function playgroundTeamReference(serviceUrl: string): ConversationRef {
  const t = PLAYGROUND_TEAMS;
  return {
    serviceUrl,
    channelId: 'msteams',
    conversationId: t.team.id,
    conversationType: 'channel',
    aadTenantId: t.tenantId,
    teamId: t.team.id,
    bot: { id: t.bot.id, name: t.bot.name },
  };
}

export function demoTenants(): Tenant[] {
  return DEMO_TENANTS.map((t) => ({
    id: t.id,
    name: t.name,
    aliases: [...t.aliases],
    approvers: [...t.approvers],
  }));
}

/**
 * Idempotent demo setup, run on the open database before checks start: registers the demo tenants,
 * gives contoso and fabrikam the golden baseline when they have none (northwind captures its own on
 * its first check), and links the Playground team's General channel to contoso. Later starts keep
 * the data (and any baseline accepted since); the team's conversation is re-installed (see below).
 */
export async function seedDemo(
  db: Db,
  opts: { goldenDir: string; serviceUrl: string; clock: Clock },
): Promise<SeedResult> {
  const now = opts.clock.now();
  const tenants = await applyTenants(createMongoTenantStore(db), demoTenants());
  const baselines = createMongoBaselineStore(db);
  const goldenBaselines: string[] = [];
  const golden = DEMO_TENANTS.filter((t) => t.golden);
  if (golden.length > 0) {
    const loaded = await loadExport(opts.goldenDir);
    for (const tenant of golden) {
      if (await baselines.current(tenant.id)) continue;
      const baseline = captureBaseline(
        tenant.id,
        loaded.objects,
        { kind: 'golden', ref: 'sim/demo/data/golden' },
        DEMO_ACTOR,
        now,
      );
      baseline.note = 'the golden tenant baseline shared by contoso and fabrikam';
      const saved = await baselines.save(baseline);
      // Another start racing this one saved it first: theirs is the same baseline.
      if (saved.ok) goldenBaselines.push(tenant.name);
    }
  }
  const contoso = DEMO_TENANTS.find((t) => t.name === 'contoso');
  if (!contoso) throw new Error('the demo tenants lost contoso');
  const bindings = createMongoBindingStore(db);
  const reference = playgroundTeamReference(opts.serviceUrl);
  const existing = await bindings.get(reference.conversationId);
  // Each run starts a new Playground that knows none of the earlier posts: the team is installed
  // afresh (no last posts to update in place), keeping a link someone changed in chat.
  await bindings.remove(reference.conversationId);
  const binding = existing?.binding ?? {
    tenantId: contoso.id,
    severityFloor: 'low' as const,
    boundBy: DEMO_ACTOR,
    boundAt: now.toISOString(),
  };
  await bindings.bind(reference, binding);
  const boundTo = DEMO_TENANTS.find((t) => t.id === binding.tenantId)?.name ?? binding.tenantId;
  return { tenants, goldenBaselines, boundTo };
}
