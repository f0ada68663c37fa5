import { describe, expect, it } from 'vitest';
import {
  CARD_BYTE_BUDGET,
  Verb,
  cardBytes,
  countFindings,
  latestHumanAction,
  renderSummaryCard,
  summaryCardDataFrom,
  type SummaryInput,
} from '../../cards';
import { executeActions, texts } from './support/card-walk';
import {
  CHECKED_AT,
  CONTOSO,
  COVERAGE_COMPLETE,
  COVERAGE_PARTIAL,
  MEGAN,
  SAMPLE_FINDINGS,
  manyFindings,
} from './support/sample-data';

function input(overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    tenant: CONTOSO,
    checkedAt: CHECKED_AT,
    runId: 'run-1',
    coverage: COVERAGE_COMPLETE,
    findings: SAMPLE_FINDINGS,
    ...overrides,
  };
}

describe('drift summary card', () => {
  it('names the tenant, the check time in the given time zone and the run', () => {
    const card = renderSummaryCard(summaryCardDataFrom(input()), { timeZone: 'Europe/Berlin' });

    expect(texts(card)).toContain('DRIFTWATCH · Contoso Ltd');
    expect(texts(card)).toContain('Checked 3 Dec 2025, 15:00 CET · run run-1');
  });

  it('counts findings needing attention by severity and every finding by state', () => {
    const card = renderSummaryCard(summaryCardDataFrom(input()));

    expect(texts(card)).toContain('5 findings need attention');
    expect(texts(card)).toContain('Open 4 · Acknowledged 1 · Snoozed 1 · Resolved 1');
  });

  it('lists open and acknowledged findings worst first, and leaves snoozed and resolved ones out', () => {
    const card = renderSummaryCard(summaryCardDataFrom(input()));
    const details = executeActions(card).filter((action) => action.verb === Verb.Details);

    expect(details.map((action) => action.data?.findingId)).toEqual([
      'fnd-ca-001',
      'fnd-av-003',
      'fnd-cmp-014',
      'fnd-ios-007',
      'fnd-wifi-002',
    ]);
  });

  it('marks findings new since the last post and says what changed since then', () => {
    const card = renderSummaryCard(
      summaryCardDataFrom(input({ newFindingIds: ['fnd-av-003'], resolvedSinceLastPost: 2 })),
    );

    expect(texts(card)).toContain('**Defender Antivirus – Baseline** · NEW');
    expect(texts(card)).toContain('Since the last post: 1 new, 2 resolved.');
  });

  it('offers Acknowledge only on open findings and Triage on each, carrying tenant, finding and version', () => {
    const card = renderSummaryCard(summaryCardDataFrom(input()));
    const acknowledge = executeActions(card).filter((action) => action.verb === Verb.Acknowledge);
    const triage = executeActions(card).filter((action) => action.verb === Verb.Triage);

    expect(acknowledge.map((action) => action.data?.findingId)).not.toContain('fnd-ca-001');
    expect(acknowledge).toHaveLength(4);
    expect(triage).toHaveLength(5);
    expect(triage[0]?.data).toEqual({ tenantId: CONTOSO.id, findingId: 'fnd-ca-001', version: 4 });
  });

  it('says which policy types were not checked and why', () => {
    const card = renderSummaryCard(summaryCardDataFrom(input({ coverage: COVERAGE_PARTIAL })));

    expect(texts(card)).toContain('2 policy types of 6 not checked; their findings keep their last state.');
    expect(texts(card)).toContain('**namedLocation**: 403 Forbidden: Policy.Read.All not granted');
  });

  it('names policy types as the caller labels them, in the list and in the coverage', () => {
    const labels: Record<string, string> = {
      namedLocation: 'Named location',
      conditionalAccessPolicy: 'Conditional Access policy',
    };
    const policyTypeLabel = (key: string) => labels[key] ?? key;

    const card = renderSummaryCard(summaryCardDataFrom(input({ coverage: COVERAGE_PARTIAL })), {
      policyTypeLabel,
    });

    expect(texts(card)).toContain('**Named location**: 403 Forbidden: Policy.Read.All not granted');
    expect(texts(card).some((t) => t.startsWith('Conditional Access policy · modified'))).toBe(true);
    expect(texts(card).some((t) => t.includes('conditionalAccessPolicy'))).toBe(false);
  });

  it('says when every type was read completely', () => {
    const card = renderSummaryCard(summaryCardDataFrom(input()));

    expect(texts(card)).toContain('All 4 policy types read completely.');
  });

  it('ends with who did what last', () => {
    const card = renderSummaryCard(summaryCardDataFrom(input()));

    expect(texts(card)).toContain(
      'Last action: Megan Bowen acknowledged “CA001: Require MFA for administrators” · 3 Dec 2025, 14:02 UTC',
    );
  });

  it('refreshes manually only by default, and automatically for at most 60 listed users', () => {
    const quiet = renderSummaryCard(summaryCardDataFrom(input()));
    const many = Array.from({ length: 80 }, (_, index) => `29:user-${index}`);
    const listed = renderSummaryCard(summaryCardDataFrom(input({ refreshUserIds: many })));

    expect(quiet.refresh).toMatchObject({
      userIds: [],
      action: { verb: Verb.Refresh, data: { card: 'summary', tenantId: CONTOSO.id } },
    });
    expect((listed.refresh as { userIds: string[] }).userIds).toHaveLength(60);
  });

  it('stays under the budget for a tenant with 5,000 findings, cutting the list and saying how many more', () => {
    const findings = manyFindings(5_000);
    const counts = countFindings(findings);

    const card = renderSummaryCard(summaryCardDataFrom(input({ findings })));

    expect(cardBytes(card)).toBeLessThan(CARD_BYTE_BUDGET);
    expect(texts(card)).toContain(
      `${(counts.attention - 8).toLocaleString('en-GB')} more findings need attention.`,
    );
    const more = executeActions(card).find((action) => action.verb === Verb.More);
    expect(more?.data).toMatchObject({ tenantId: CONTOSO.id, offset: 8 });
    expect((more?.data?.findings as unknown[]).length).toBe(8);
  });

  it('lists fewer findings rather than exceed the budget when names are long', () => {
    const findings = manyFindings(50).map((finding) => ({ ...finding, displayName: 'Ж'.repeat(400) }));
    const data = summaryCardDataFrom(input({ findings }));

    const card = renderSummaryCard({
      ...data,
      refreshUserIds: Array.from({ length: 60 }, (_, i) => `29:${'x'.repeat(200)}${i}`),
    });

    expect(cardBytes(card)).toBeLessThan(CARD_BYTE_BUDGET);
  });
});

describe('latestHumanAction', () => {
  it('takes the newest entry made by a person, not by a check', () => {
    expect(latestHumanAction(SAMPLE_FINDINGS)).toEqual({
      actor: MEGAN,
      action: 'acknowledge',
      at: '2025-12-03T14:02:00.000Z',
      findingName: 'CA001: Require MFA for administrators',
    });
    expect(latestHumanAction([])).toBeUndefined();
  });
});
