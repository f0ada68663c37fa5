import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS } from '../../sim/demo/demo-tenants';
import { PLAYGROUND_TEAMS } from '../../sim/playground/playground-config';
import { changeObject, freePort, startDemoProcess, type DemoProcess } from './support/demo-process';

const MFA_POLICY = 'CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA';
const CONTOSO = DEMO_TENANTS.find((t) => t.name === 'contoso')?.id ?? '';

// Debian's Chromium, never a downloaded browser; flags keep it offline and quiet.
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

let dataDir: string;
let demo: DemoProcess;
let browser: Browser;
let page: Page;
let mongo: MongoClient;
let failed = false;

/** The name of the MFA policy's finding in a card (only a summary posted after the change has it). */
const mfaRow = () => page.getByText(MFA_POLICY, { exact: true }).first();

/** Elements of the General channel holding a contoso summary card. */
const generalSummary = () =>
  page.locator('div').filter({ hasText: 'DRIFTWATCH · contoso' }).filter({ hasText: 'need attention' });

describe('the demo in the Microsoft 365 Agents Playground, driven by headless Chromium', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'driftwatch-e2e-'));
    demo = await startDemoProcess({
      dataDir,
      port: await freePort(),
      playgroundPort: await freePort(),
      // Time is injected: checks every 10 s, and no changes but the one this test makes.
      args: ['--change-every', '0', '--schedule', '*/10 * * * * *'],
    });
    mongo = await MongoClient.connect(demo.mongoUri, { serverSelectionTimeoutMS: 10_000 });
    browser = await chromium.launch(CHROMIUM);
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(demo.playgroundUrl);
    await page.getByRole('textbox').first().waitFor({ timeout: 60_000 });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    failed = true;
    await page?.screenshot({ path: join(dataDir, `failed-${ctx.task.name.slice(0, 40)}.png`) });
  });

  afterAll(async () => {
    await browser?.close();
    await mongo?.close();
    const code = await demo?.stop();
    // A failed run keeps the demo's data folder (log, Playground log, screenshots) for the reader.
    if (failed) console.error(`e2e: the demo's data folder is kept in ${dataDir}\n${demo?.output()}`);
    else if (dataDir) await rm(dataDir, { recursive: true, force: true });
    expect(code, demo?.output()).toBe(0);
  });

  it('answers "status contoso" in the personal chat with the status card', async () => {
    const box = page.getByRole('textbox').first();
    await box.click();
    await page.keyboard.type('status contoso');
    await page.keyboard.press('Enter');
    const card = page.getByText('DRIFTWATCH · STATUS');
    await card.waitFor({ timeout: 30_000 });
    await expect(page.getByText(`Tenant ${CONTOSO}`).isVisible()).resolves.toBe(true);
  });

  it('shows the summary a scheduled check posts into the General channel linked to contoso', async () => {
    await page.getByText('General', { exact: true }).click();
    await page.getByRole('button', { name: 'Post', exact: true }).waitFor({ timeout: 30_000 });
    // News for contoso while General is open: its MFA policy switched to report-only.
    const changedAt = new Date();
    await changeObject(
      demo,
      dataDir,
      { tenantId: CONTOSO, policyType: 'conditionalAccessPolicy', displayName: MFA_POLICY },
      (o) => ({ ...o, state: 'enabledForReportingButNotEnforced' }),
    );

    await mfaRow().waitFor({ timeout: 60_000 });
    await expect(generalSummary().filter({ hasText: MFA_POLICY }).count()).resolves.toBeGreaterThan(0);
    const scheduled = await mongo
      .db('driftwatch')
      .collection('checkRuns')
      .countDocuments({
        tenantId: CONTOSO,
        trigger: 'schedule',
        startedAt: { $gte: changedAt.toISOString() },
      });
    expect(scheduled).toBeGreaterThan(0);
  });

  it('acknowledges a finding from the card: the card changes and the database records who did it', async () => {
    const findings = mongo.db('driftwatch').collection('findings');
    const before = await findings.countDocuments({ tenantId: CONTOSO, state: 'acknowledged' });
    await mfaRow().locator('xpath=following::button[normalize-space()="Acknowledge"][1]').click();
    await page
      .getByText(/Last action: Alex Wilber acknowledge/)
      .first()
      .waitFor({ timeout: 30_000 });

    const acknowledged = await pollFor(
      () => findings.find({ tenantId: CONTOSO, state: 'acknowledged' }).toArray(),
      (docs) => docs.length > before,
      20_000,
    );
    const who = acknowledged.flatMap((f) =>
      (f['history'] as { actor: { id: string } | null; to: string }[]).filter((h) => h.to === 'acknowledged'),
    );
    expect(who.map((h) => h.actor?.id)).toContain(PLAYGROUND_TEAMS.user.aadObjectId);
  });
});

/** Reads until `done` holds or the time is up (then returns the last read for the assertion). */
async function pollFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}
