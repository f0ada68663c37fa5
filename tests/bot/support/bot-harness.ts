import type { Db } from 'mongodb';
import { createHttpServer, type HttpServer } from '../../../bot/server';
import { createBot, type Bot } from '../../../bot/teams/create-bot';
import type { BotAuth } from '../../../bot/teams/bot-auth';
import type { CheckService } from '../../../core/checks/check-service';
import { fixedClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import type { Drift, Tenant } from '../../../core/model';
import { reconcileFindings } from '../../../core/findings/reconcile-findings';
import { createMongoStores } from '../../../core/storage/mongo/create-mongo-stores';
import { createMongoBindingStore } from '../../../core/storage/mongo/mongo-binding-store';
import { InMemoryTenantDirectory } from '../../../core/tenants/in-memory-tenant-directory';
import type { FindingStore } from '../../../core/findings/finding-store';
import { aDrift, alice, bob, OTHER_TENANT, TENANT } from '../../support/builders/drift';

export const NOW = '2025-06-02T09:00:00.000Z';
export const ADMIN = alice;
export const ENGINEER = bob;
export const APPROVER = { id: 'cccccccc-0000-4000-8000-000000000003', name: 'Carol Approver' };

export const contoso: Tenant = { id: TENANT, name: 'Contoso', aliases: ['cso'], approvers: [APPROVER.id] };
export const fabrikam: Tenant = { id: OTHER_TENANT, name: 'Fabrikam', aliases: [], approvers: [] };

export const CONTOSO_CHANNEL = '19:contoso@thread.tacv2';
export const FABRIKAM_CHANNEL = '19:fabrikam@thread.tacv2';

/** A CheckService that records requests. */
export function recordingChecks(): CheckService & { requested: string[] } {
  const requested: string[] = [];
  return {
    requested,
    async requestCheck(tenantId) {
      requested.push(tenantId);
      return { started: true, runId: `run-${requested.length}` };
    },
    async lastRun() {
      return undefined;
    },
  };
}

/** Stores findings for `drifts` as a first check would. */
export async function seedFindings(
  findings: FindingStore,
  tenantId: string,
  drifts: readonly Drift[],
): Promise<string[]> {
  const result = reconcileFindings([], drifts, {
    tenantId,
    now: new Date('2025-06-01T09:00:00.000Z'),
    completeTypes: new Set(drifts.map((d) => d.policyType)),
    runId: 'seed',
  });
  await findings.applyReconcile(result);
  return result.changes.map((c) => c.finding.id);
}

export const mfaDrift = aDrift();
export const bitlockerDrift = aDrift({
  policyType: 'deviceCompliancePolicy',
  key: 'win-compliance',
  displayName: 'Windows compliance',
  severity: 'high',
});

export interface RunningBot {
  bot: Bot;
  http: HttpServer;
  url: string;
  stores: ReturnType<typeof createMongoStores>;
  bindings: ReturnType<typeof createMongoBindingStore>;
  checks: ReturnType<typeof recordingChecks>;
  close(): Promise<void>;
}

/** The real restify server + TeamsAdapter + MongoDB store + connector capture (by serviceUrl). */
export async function startBot(db: Db, options: { auth?: BotAuth } = {}): Promise<RunningBot> {
  const stores = createMongoStores(db);
  const bindings = createMongoBindingStore(db);
  const checks = recordingChecks();
  const bot = createBot({
    auth: options.auth ?? { mode: 'off' },
    tenants: new InMemoryTenantDirectory([contoso, fabrikam]),
    stores,
    bindings,
    checks,
    admins: [ADMIN.id],
    clock: fixedClock(NOW),
    logger: silentLogger,
    sleep: async () => undefined,
  });
  const http = createHttpServer({
    version: 'test',
    logger: silentLogger,
    readiness: async () => ({ ok: true }),
  });
  bot.mount(http.server);
  const { url } = await http.listen(0, '127.0.0.1');
  return {
    bot,
    http,
    url,
    stores,
    bindings,
    checks,
    async close() {
      await bot.idle();
      await http.close(100);
    },
  };
}

let sequence = 0;

/** A Teams activity as the channel sends it, from `actor` in `conversationId`. */
export function activity(
  serviceUrl: string,
  conversationId: string,
  actor: { id: string; name: string } | undefined,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  sequence += 1;
  return {
    id: `in-${sequence}`,
    channelId: 'msteams',
    serviceUrl,
    from: actor
      ? { id: `29:${actor.id}`, name: actor.name, aadObjectId: actor.id }
      : { id: '29:anon', name: 'Anon' },
    recipient: { id: '28:bot', name: 'Driftwatch' },
    conversation: { id: conversationId, conversationType: 'channel', tenantId: 'msp-tenant', isGroup: true },
    channelData: {
      tenant: { id: 'msp-tenant' },
      team: { id: '19:team@thread.tacv2' },
      channel: { id: conversationId },
    },
    ...fields,
  };
}

export function message(
  serviceUrl: string,
  conversationId: string,
  actor: { id: string; name: string } | undefined,
  text: string,
) {
  return activity(serviceUrl, conversationId, actor, {
    type: 'message',
    text: `<at>Driftwatch</at> ${text}`,
    entities: [
      { type: 'mention', text: '<at>Driftwatch</at>', mentioned: { id: '28:bot', name: 'Driftwatch' } },
    ],
  });
}

export function invoke(
  serviceUrl: string,
  conversationId: string,
  actor: { id: string; name: string } | undefined,
  verb: string,
  data: unknown,
  replyToId = 'card-1',
) {
  return activity(serviceUrl, `${conversationId};messageid=${replyToId}`, actor, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, text };
}
