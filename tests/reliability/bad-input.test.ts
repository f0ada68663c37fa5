import fc from 'fast-check';
import type { Request, Response } from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb, FindingActionData, TriageActionData, validateTriageInput } from '../../cards';
import { parseCommand } from '../../bot/teams/parse-command';
import { startConnectorCapture, type ConnectorCapture } from '../../sim/teams/connector-capture';
import {
  ADMIN,
  CONTOSO_CHANNEL,
  FABRIKAM_CHANNEL,
  bitlockerDrift,
  contoso,
  fabrikam,
  message,
  mfaDrift,
  post,
  seedFindings,
  startBot,
  type RunningBot,
} from '../bot/support/bot-harness';
import { useTestDatabase } from '../support/mongo';
import { activity, cardData, commandText, type Targets } from '../support/reliability/bad-input';
import { databaseFingerprint } from '../support/reliability/fingerprint';
import { createTally, reportTally } from '../support/reliability/ledger';
import { reliabilityScale, reliabilitySeed } from '../support/reliability/seed';

const database = useTestDatabase();
const tally = createTally();
const seed = reliabilitySeed('bad input');
const scale = reliabilityScale();
const HTTP_CASES = 2_000 * scale;
const IN_PROCESS_CASES = 4_000 * scale;
const PARSER_CASES = 4_000 * scale;

let capture: ConnectorCapture;
let running: RunningBot;
let targets: Targets;
let fingerprint: string;

beforeAll(async () => {
  capture = await startConnectorCapture();
  running = await startBot(database.db);
  const findingIds = await seedFindings(running.stores.findings, contoso.id, [mfaDrift, bitlockerDrift]);
  await post(running.url, message(capture.serviceUrl, CONTOSO_CHANNEL, ADMIN, 'link contoso'));
  await post(running.url, message(capture.serviceUrl, FABRIKAM_CHANNEL, ADMIN, 'link fabrikam'));
  await running.bot.idle();
  targets = {
    serviceUrl: capture.serviceUrl,
    tenantIds: [contoso.id, fabrikam.id],
    findingIds,
    conversations: [CONTOSO_CHANNEL, FABRIKAM_CHANNEL, `${CONTOSO_CHANNEL};messageid=card-1`],
  };
  fingerprint = await databaseFingerprint(database.db);
}, 60_000);
afterAll(async () => {
  await running?.close();
  await capture?.close();
  reportTally('bad input', tally);
});

/** Posts bodies `parallel` at a time; returns each status. */
async function postAll(bodies: readonly unknown[], parallel = 16): Promise<number[]> {
  const statuses: number[] = new Array<number>(bodies.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < bodies.length) {
        const i = next++;
        statuses[i] = (await post(running.url, bodies[i])).status;
      }
    }),
  );
  return statuses;
}

/** The handler behind POST /api/messages, called in-process (adapter, teams-ai, routes, stores). */
async function handleInProcess(body: unknown): Promise<number> {
  let status = 200;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    send(code?: unknown) {
      if (typeof code === 'number') status = code;
      return res;
    },
    end() {
      return res;
    },
    header() {
      return res;
    },
    setHeader() {
      return res;
    },
  };
  const req = { body, headers: {}, method: 'POST' };
  await running.bot.handle(req as unknown as Request, res as unknown as Response);
  return status;
}

describe('generated bad input (seeded; RELIABILITY_SEED replays a run)', () => {
  it(`${HTTP_CASES} generated activities over HTTP: no 5xx, no crash`, async () => {
    const bodies = fc.sample(activity(targets), { seed, numRuns: HTTP_CASES });
    const statuses = await postAll(bodies);
    await running.bot.idle();
    tally.casesTried += bodies.length;
    const failures = statuses.filter((s) => s >= 500);
    tally.crashes += failures.length;
    expect(failures).toEqual([]);
    expect(
      (await post(running.url, message(capture.serviceUrl, CONTOSO_CHANNEL, ADMIN, 'help'))).status,
    ).toBe(200);
  }, 120_000);

  it(`${IN_PROCESS_CASES} generated card actions and messages through the handler in-process: no throw, no 5xx`, async () => {
    const invokes = fc.sample(
      fc.tuple(
        fc.constantFrom(...Object.values(Verb)),
        cardData(targets),
        fc.constantFrom(...targets.conversations),
      ),
      { seed: seed + 1, numRuns: IN_PROCESS_CASES / 2 },
    );
    const texts = fc.sample(commandText, { seed: seed + 2, numRuns: IN_PROCESS_CASES / 2 });
    const bodies = [
      ...invokes.map(([verb, data, conversation]) => ({
        type: 'invoke',
        name: 'adaptiveCard/action',
        channelId: 'msteams',
        serviceUrl: capture.serviceUrl,
        from: { id: '29:x', name: 'Eve', aadObjectId: 'eeeeeeee-0000-4000-8000-00000000000e' },
        recipient: { id: '28:bot' },
        conversation: { id: conversation, conversationType: 'channel' },
        channelData: { tenant: { id: 'msp-tenant' } },
        replyToId: 'card-1',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      })),
      ...texts.map((text) =>
        message(
          capture.serviceUrl,
          CONTOSO_CHANNEL,
          { id: 'eeeeeeee-0000-4000-8000-00000000000e', name: 'Eve' },
          text,
        ),
      ),
    ];
    let failures = 0;
    for (const body of bodies) {
      const status = await handleInProcess(body).catch(() => 599);
      if (status >= 500) failures += 1;
    }
    await running.bot.idle();
    tally.casesTried += bodies.length;
    tally.crashes += failures;
    expect(failures).toBe(0);
  }, 120_000);

  it(`${PARSER_CASES} generated command texts and card data: the parser and validators never throw`, () => {
    const property = fc.property(commandText, cardData(targets), (text, data) => {
      const parsed = parseCommand(text);
      expect(typeof parsed.kind).toBe('string');
      FindingActionData.safeParse(data);
      TriageActionData.safeParse(data);
      validateTriageInput(data, new Date('2025-06-02T09:00:00Z'));
    });
    fc.assert(property, { seed: seed + 3, numRuns: PARSER_CASES });
    tally.casesTried += PARSER_CASES;
  });

  it('changed nothing: the database is byte for byte what it was', async () => {
    expect(await databaseFingerprint(database.db)).toBe(fingerprint);
  });

  it('refuses an oversized body with 413, and a malformed one with 400', async () => {
    const huge = JSON.stringify({ type: 'message', text: 'x'.repeat(2 * 1024 * 1024) });
    const statuses = [(await post(running.url, huge)).status, (await post(running.url, '{"type":')).status];
    tally.casesTried += 2;
    expect(statuses).toEqual([413, 400]);
  });
});
