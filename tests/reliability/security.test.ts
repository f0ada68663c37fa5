import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, type CryptoKey } from 'jose';
import { Verb } from '../../cards';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logging';
import { startService } from '../../bot/main';
import { createClientCertificate } from '../../sim/graph/ca';
import { startConnectorCapture, type ConnectorCapture } from '../../sim/teams/connector-capture';
import {
  CONTOSO_CHANNEL as HARNESS_CHANNEL,
  ENGINEER,
  invoke,
  message,
  post,
  startBot,
} from '../bot/support/bot-harness';
import { CHANNEL_ISSUER, startChannelIssuer, type ChannelIssuer } from '../bot/support/channel-issuer';
import { useTestDatabase } from '../support/mongo';
import { databaseFingerprint, dumpDatabase } from '../support/reliability/fingerprint';
import { createTally, reportTally } from '../support/reliability/ledger';
import { findLeaks, type Haystack } from '../support/reliability/secrets';
import {
  ADMIN,
  CONTOSO_CHANNEL,
  CONTOSO_ID,
  GRAPH_CLIENT_ID,
  GRAPH_SECRET,
  startWorld,
  type World,
} from '../support/reliability/world';

const database = useTestDatabase();
const tally = createTally();
const BOT_PASSWORD = 'B0t~Passw0rd.reliability-9c4d';
const EVIL = '[Reset your password](https://evil.example/login) <at>Everyone</at> **urgent**';
const FABRIKAM_ID = '9a7c5e3b-1d2f-4a6b-8c9d-0e1f2a3b4c5d';
const FABRIKAM_CHANNEL = '19:fabrikam-reliability@thread.tacv2';
const cert = createClientCertificate();
const haystacks: Haystack[] = [];
const responses: string[] = [];
let world: World;

/** Posts and keeps the answer body for the secret search. */
async function send(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await post(url, body, headers);
  responses.push(res.text);
  return res;
}

beforeAll(async () => {
  world = await startWorld({
    db: database.db,
    tenants: [
      { id: CONTOSO_ID, name: EVIL, aliases: ['contoso'], approvers: [] },
      { id: FABRIKAM_ID, name: 'Fabrikam', aliases: [], approvers: [] },
    ],
  });
  await world.bind(CONTOSO_CHANNEL, CONTOSO_ID);
  await world.bind(FABRIKAM_CHANNEL, FABRIKAM_ID);
  await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
  const [profile] = world.sim.control.objects(CONTOSO_ID, 'deviceConfiguration');
  world.sim.control.upsertObject(CONTOSO_ID, 'deviceConfiguration', {
    ...profile,
    id: 'b3f1c2d4-0000-4000-8000-00000000e111',
    displayName: EVIL,
    description: `<at>General</at> ${EVIL}`,
  });
  await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
  await world.bot.idle();
});
afterAll(async () => {
  await world?.close();
  reportTally('security', tally);
});

describe('forged tokens with BOT_ID set', () => {
  let issuer: ChannelIssuer;
  let capture: ConnectorCapture;
  let running: Awaited<ReturnType<typeof startBot>>;
  let otherKey: CryptoKey;
  const APP_ID = 'reliability-app';

  beforeAll(async () => {
    issuer = await startChannelIssuer(APP_ID);
    otherKey = (await generateKeyPair('RS256')).privateKey;
    capture = await startConnectorCapture();
    running = await startBot(database.client.db(`${database.db.databaseName}_jwt`), { auth: issuer.auth });
  });
  afterAll(async () => {
    await running?.close();
    await capture?.close();
    await issuer?.close();
  });

  const sign = (claims: { aud?: string; iss?: string; exp?: number }, signer?: CryptoKey) =>
    issuer.sign({ serviceurl: capture.serviceUrl, ...claims }, signer);
  const unsigned = () => {
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${part({ alg: 'none', typ: 'JWT', kid: 'k1' })}.${part({ iss: CHANNEL_ISSUER, aud: APP_ID, iat: now, exp: now + 300, serviceurl: capture.serviceUrl })}.`;
  };

  it.each([
    ['signed by another key', () => sign({}, otherKey)],
    ['for another audience', () => sign({ aud: 'someone-else' })],
    ['from another issuer', () => sign({ iss: 'https://evil.example' })],
    ['expired', () => sign({ exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['with alg none', async () => unsigned()],
    ['that is garbage', async () => 'not.a.token'],
  ])('refuses a token %s with 401 and changes nothing', async (_what, token) => {
    const db = database.client.db(`${database.db.databaseName}_jwt`);
    const before = await databaseFingerprint(db);
    const res = await send(running.url, message(capture.serviceUrl, HARNESS_CHANNEL, ADMIN, 'link contoso'), {
      authorization: `Bearer ${await token()}`,
    });
    tally.casesTried += 1;
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(await databaseFingerprint(db)).toBe(before);
    expect(capture.calls()).toHaveLength(0);
  });

  it('accepts the genuine token (the forgeries failed on their own fault)', async () => {
    const res = await send(running.url, message(capture.serviceUrl, HARNESS_CHANNEL, ENGINEER, 'help'), {
      authorization: `Bearer ${await sign({})}`,
    });
    expect(res.status).toBe(200);
  });
});

describe('cross-tenant and replayed card actions', () => {
  it('a Contoso finding clicked in the Fabrikam channel is refused and nothing changes', async () => {
    const [finding] = await world.findings();
    const before = await databaseFingerprint(world.db);
    const res = await send(
      world.url,
      invoke(world.capture.serviceUrl, FABRIKAM_CHANNEL, ADMIN, Verb.Acknowledge, {
        tenantId: CONTOSO_ID,
        findingId: finding?.id,
        version: finding?.version,
      }),
    );
    const claimingFabrikam = await send(
      world.url,
      invoke(world.capture.serviceUrl, FABRIKAM_CHANNEL, ADMIN, Verb.Acknowledge, {
        tenantId: FABRIKAM_ID,
        findingId: finding?.id,
        version: finding?.version,
      }),
    );
    tally.casesTried += 2;
    expect(JSON.stringify(res.json)).toContain('not linked to');
    expect(JSON.stringify(claimingFabrikam.json)).toContain('does not match a finding');
    expect(await databaseFingerprint(world.db)).toBe(before);
  });

  it('a replayed click gives one transition; the replay is answered with the out-of-date card', async () => {
    const [finding] = await world.findings();
    const click = invoke(world.capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, Verb.Acknowledge, {
      tenantId: CONTOSO_ID,
      findingId: finding?.id,
      version: finding?.version,
    });
    const first = await send(world.url, click);
    const replays = await Promise.all([1, 2, 3].map(() => send(world.url, click)));
    tally.casesTried += 4;
    expect(JSON.stringify(first.json)).not.toContain('out of date');
    for (const replay of replays) expect(JSON.stringify(replay.json)).toContain('This card is out of date');
    const after = await world.stores.findings.get(finding?.id ?? '');
    expect(after?.version).toBe((finding?.version ?? 0) + 1);
    expect(after?.history.filter((h) => h.actor)).toHaveLength(1);
  });
});

describe('injection through tenant names and Graph strings', () => {
  it('markdown links and mentions from tenant names, Graph objects and chat reach no card or reply unescaped', async () => {
    await send(world.url, message(world.capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'status contoso'));
    await send(world.url, message(world.capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'findings contoso'));
    await send(world.url, message(world.capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, `status ${EVIL}`));
    await send(world.url, message(world.capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'tenants'));
    const [finding] = await world.findings();
    await send(
      world.url,
      invoke(world.capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, Verb.Details, {
        tenantId: CONTOSO_ID,
        findingId: finding?.id,
        version: finding?.version,
      }),
    );
    await world.bot.idle();
    tally.casesTried += 5;
    const outbound = [...world.capture.calls().map((c) => JSON.stringify(c.body)), ...responses];
    const raw = outbound.filter((text) =>
      /(?<!\\)\[Reset your password(?<!\\)\]\(|(?<!\\)<at>(Everyone|General)/.test(text),
    );
    expect(outbound.some((t) => t.includes('Reset your password'))).toBe(true);
    expect(raw).toEqual([]);
  });
});

describe('secrets never leave', () => {
  it('the Graph client secret, the bot password and a certificate key reach no log, card, database or HTTP body', async () => {
    // A wrong secret: the token error path, which quotes what Entra said.
    const wrongSecretDb = database.client.db(`${database.db.databaseName}_wrong`);
    const wrong = await startWorld({ db: wrongSecretDb, simSecret: 'what-entra-expects' });
    const failed = await wrong.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
    expect(failed).toMatchObject({ ran: true, result: { run: { status: 'failed' } } });
    await wrong.close();

    // A certificate: once registered, once not (the AADSTS700027 path).
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-cert-'));
    const certificatePath = join(dir, 'app.pem');
    await writeFile(certificatePath, `${cert.keyPem}\n${cert.certPem}`);
    const certDb = database.client.db(`${database.db.databaseName}_cert`);
    const withCert = await startWorld({ db: certDb, app: { certificatePath, certificatePem: cert.certPem } });
    expect(await withCert.checks.runner.run(CONTOSO_ID, { trigger: 'manual' })).toMatchObject({
      ran: true,
      result: { run: { status: 'complete' } },
    });
    await withCert.close();
    const unknownCertDb = database.client.db(`${database.db.databaseName}_cert2`);
    const unknownCert = await startWorld({
      db: unknownCertDb,
      app: { certificatePath, certificatePem: createClientCertificate('someone-else').certPem },
    });
    await unknownCert.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
    await unknownCert.close();

    // The service as `serve` starts it, with every secret configured: its start log and its answers.
    const serviceLogs: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        serviceLogs.push(chunk.toString('utf8'));
        done();
      },
    });
    const config = loadConfig({
      PORT: '0',
      MONGODB_URI: database.uri,
      MONGODB_DB: `${database.db.databaseName}_svc`,
      BOT_ID: '44444444-4444-4444-8444-444444444444',
      BOT_PASSWORD,
      BOT_TENANT_ID: '33333333-3333-4333-8333-333333333333',
      GRAPH_CLIENT_ID,
      GRAPH_CLIENT_SECRET: GRAPH_SECRET,
      GRAPH_BASE_URL: world.sim.baseUrl,
      GRAPH_AUTHORITY_HOST: world.sim.authorityHost,
      LOG_LEVEL: 'trace',
    });
    const service = await startService(config, { logger: createLogger(config, sink), host: '127.0.0.1' });
    const refused = await send(
      service.url,
      message(world.capture.serviceUrl, CONTOSO_CHANNEL, ADMIN, 'help'),
    );
    await send(service.url, message(world.capture.serviceUrl, CONTOSO_CHANNEL, ADMIN, 'help'), {
      authorization: 'Bearer not.a.token',
    });
    responses.push(await (await fetch(`${service.url}/healthz`)).text());
    responses.push(await (await fetch(`${service.url}/readyz`)).text());
    await service.stop();
    expect(refused.status).toBe(401);

    const dbs = [
      world.db,
      wrongSecretDb,
      certDb,
      unknownCertDb,
      database.client.db(`${database.db.databaseName}_svc`),
    ];
    for (const db of dbs) {
      for (const [name, docs] of Object.entries(await dumpDatabase(db))) {
        haystacks.push({ where: `database ${db.databaseName}.${name}`, text: JSON.stringify(docs) });
      }
    }
    haystacks.push(
      { where: 'logs', text: [...world.logs, ...wrong.logs, ...withCert.logs, ...unknownCert.logs].join('') },
      { where: 'service logs', text: serviceLogs.join('') },
      {
        where: 'cards and replies',
        text: [world, wrong, withCert, unknownCert].map((w) => JSON.stringify(w.capture.calls())).join(''),
      },
      { where: 'HTTP bodies', text: responses.join('\n') },
    );
    const leaks = findLeaks(
      { GRAPH_CLIENT_SECRET: GRAPH_SECRET, BOT_PASSWORD, 'certificate key': cert.keyPem },
      haystacks,
    );
    tally.casesTried += haystacks.length;
    tally.secretsLeaked += leaks.length;
    await rm(dir, { recursive: true, force: true });
    // The search itself works: the secrets are really in what was configured.
    expect(findLeaks({ s: GRAPH_SECRET }, [{ where: 'x', text: `a${GRAPH_SECRET}b` }])).toHaveLength(1);
    expect(serviceLogs.join('')).toContain('Starting Driftwatch');
    expect(leaks).toEqual([]);
  }, 60_000);
});
