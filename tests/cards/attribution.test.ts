import { describe, expect, it } from 'vitest';
import {
  renderFindingDetailCard,
  renderFindingListCard,
  summaryCardDataFrom,
  renderSummaryCard,
} from '../../cards';
import { allObjects, texts } from './support/card-walk';
import { ADELE_IN_PORTAL, CHECKED_AT, CONTOSO, aFinding } from './support/sample-data';

const changedByAdele = aFinding({
  id: 'fnd-cmp-021',
  displayName: 'Windows 11 – Compliance',
  policyType: 'compliancePolicy',
  severity: 'high',
  changes: [{ path: 'bitLockerEnabled', baseline: true, current: false }],
  extra: { attribution: ADELE_IN_PORTAL },
});

const EVIL_UPN = '[Sign in](https://evil.example) <at>General</at>@contoso.com';
const changedByEvil = aFinding({
  id: 'fnd-cmp-666',
  displayName: 'Evil change',
  policyType: 'compliancePolicy',
  severity: 'high',
  extra: { attribution: { by: EVIL_UPN, via: '**Graph** Explorer', at: CHECKED_AT } },
});

function fact(card: unknown, title: string): string | undefined {
  const found = allObjects(card).find((o) => o.title === title);
  return typeof found?.value === 'string' ? found.value : undefined;
}

describe('cards say who changed the object', () => {
  it('the detail card has a "Changed by" fact: who, through which app, when', () => {
    const card = renderFindingDetailCard({ tenant: CONTOSO, finding: changedByAdele });
    expect(fact(card, 'Changed by')).toBe(
      'adele.vance@contoso.com via Microsoft Intune portal extension, 3 Dec 2025, 13:41 UTC',
    );
  });

  it('the detail card has no "Changed by" fact when the audit log named nobody', () => {
    const card = renderFindingDetailCard({
      tenant: CONTOSO,
      finding: { ...changedByAdele, attribution: undefined },
    });
    expect(fact(card, 'Changed by')).toBeUndefined();
  });

  it('the summary and list lines end with who changed it', () => {
    const summary = renderSummaryCard(
      summaryCardDataFrom({
        tenant: CONTOSO,
        checkedAt: CHECKED_AT,
        runId: 'run-1',
        coverage: {},
        findings: [changedByAdele],
        newFindingIds: [changedByAdele.id],
        reopenedFindingIds: [],
        resolvedSinceLastPost: 0,
      }),
    );
    const list = renderFindingListCard({ tenant: CONTOSO, findings: [changedByAdele], offset: 0, total: 1 });
    for (const card of [summary, list]) {
      expect(texts(card).some((t) => t.endsWith(' · by adele.vance@contoso.com'))).toBe(true);
    }
  });

  it('escapes the actor and app like any Graph text: no link, no mention, no bold', () => {
    const detail = renderFindingDetailCard({ tenant: CONTOSO, finding: changedByEvil });
    const list = renderFindingListCard({ tenant: CONTOSO, findings: [changedByEvil], offset: 0, total: 1 });
    expect(fact(detail, 'Changed by')).toContain(
      '\\[Sign in\\](https://evil.example) \\<at\\>General\\</at\\>@contoso.com via \\*\\*Graph\\*\\* Explorer',
    );
    const line = texts(list).find((t) => t.includes(' · by '));
    expect(line).toContain('by \\[Sign in\\](https://evil.example) \\<at\\>General\\</at\\>');
    for (const text of [...texts(detail), ...texts(list)]) expect(text).not.toMatch(/(^|[^\\])\[Sign in\]/);
  });
});
