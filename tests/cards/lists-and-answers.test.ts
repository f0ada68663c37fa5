import { describe, expect, it } from 'vitest';
import {
  CARD_BYTE_BUDGET,
  HELP_COMMANDS,
  UnboundBindingError,
  Verb,
  cardBytes,
  countFindings,
  emptyCounts,
  expandTemplate,
  renderFindingListCard,
  renderHelpCard,
  renderPortfolioCard,
  renderStaleCard,
  type PortfolioRow,
} from '../../cards';
import { executeActions, texts } from './support/card-walk';
import { CONTOSO, NOW, REQUIRE_MFA, manyFindings } from './support/sample-data';

function row(
  name: string,
  critical: number,
  high: number,
  checkStatus: PortfolioRow['checkStatus'] = 'complete',
): PortfolioRow {
  const counts = emptyCounts();
  counts.bySeverity = { critical, high, medium: 0, low: 0 };
  counts.attention = critical + high;
  return { tenant: { id: `t-${name}`, name }, counts, checkStatus, lastCheckedAt: NOW };
}

describe('portfolio card', () => {
  it('orders tenants worst first: critical, then high, then failed checks, then by name', () => {
    const card = renderPortfolioCard({
      generatedAt: NOW,
      tenants: [
        row('Calm', 0, 0),
        row('Broken', 0, 0, 'failed'),
        row('Hot', 2, 0),
        row('Warm', 0, 5),
        row('Hotter', 2, 1),
      ],
    });

    const order = executeActions(card)
      .filter((action) => action.verb === Verb.More)
      .map((action) => action.data?.tenantId);
    expect(order).toEqual(['t-Hotter', 't-Hot', 't-Warm', 't-Broken', 't-Calm']);
  });

  it('stays under budget for 2,000 tenants and says how many more', () => {
    const tenants = Array.from({ length: 2_000 }, (_, index) =>
      row(`Tenant ${index} ${'x'.repeat(40)}`, index % 3, index % 7),
    );

    const card = renderPortfolioCard({ generatedAt: NOW, tenants });

    expect(cardBytes(card)).toBeLessThan(CARD_BYTE_BUDGET);
    expect(texts(card).some((text) => /^and 1,9\d\d more tenants/.test(text))).toBe(true);
  });
});

describe('finding list card', () => {
  it('pages through 5,000 findings, carrying the shown findings and the next offset', () => {
    const all = manyFindings(5_000);

    const card = renderFindingListCard({
      tenant: CONTOSO,
      findings: all.slice(10, 20),
      offset: 10,
      total: 5_000,
    });

    expect(cardBytes(card)).toBeLessThan(CARD_BYTE_BUDGET);
    expect(texts(card)).toContain('Findings 11–20 of 5,000');
    const next = executeActions(card).find((action) => action.title === 'Next');
    const previous = executeActions(card).find((action) => action.title === 'Previous');
    expect(next?.data).toMatchObject({ tenantId: CONTOSO.id, offset: 20 });
    expect(previous?.data).toMatchObject({ offset: 0 });
    expect(next?.data?.findings).toHaveLength(10);
  });

  it('names each row’s tenant when listing several tenants', () => {
    const card = renderFindingListCard({
      tenantNames: { [CONTOSO.id]: 'Contoso Ltd' },
      findings: [REQUIRE_MFA],
      offset: 0,
      total: 1,
    });

    expect(texts(card).some((text) => text.startsWith('Contoso Ltd · conditionalAccessPolicy'))).toBe(true);
    expect(countFindings([REQUIRE_MFA]).attention).toBe(1);
  });

  it('counts a grouped store count as that many findings, as one finding each would', () => {
    const grouped = countFindings([
      { severity: 'high', state: 'open', count: 3 },
      { severity: 'low', state: 'snoozed', count: 2 },
    ]);

    expect(grouped).toEqual(
      countFindings([
        ...Array.from({ length: 3 }, () => ({ severity: 'high' as const, state: 'open' as const })),
        ...Array.from({ length: 2 }, () => ({ severity: 'low' as const, state: 'snoozed' as const })),
      ]),
    );
    expect(grouped.attention).toBe(3);
  });
});

describe('help card', () => {
  it('lists the real commands and repeats what was not understood', () => {
    const card = renderHelpCard({ unknownText: 'stauts' });

    for (const command of [
      'help',
      'status \\[tenant\\]',
      'findings \\[tenant\\] \\[severity>=x\\] \\[state\\]',
      'link all',
      'unlink',
      'whoami',
      'debug',
    ]) {
      expect(texts(card)).toContain(command.replace('>', '\\>'));
    }
    expect(texts(card)).toContain('Sorry, I did not understand “stauts”.');
    expect(HELP_COMMANDS.map((command) => command.usage.split(' ')[0])).toEqual([
      'help',
      'status',
      'findings',
      'tenants',
      'check',
      'baseline',
      'link',
      'link',
      'unlink',
      'whoami',
      'debug',
    ]);
  });
});

describe('out-of-date answer', () => {
  it('says the click did nothing and offers the current finding at its current version', () => {
    const card = renderStaleCard({
      tenant: CONTOSO,
      finding: { id: REQUIRE_MFA.id, displayName: 'CA001', state: 'acknowledged' },
      shownVersion: 3,
      currentVersion: 4,
    });

    expect(texts(card)).toContain(
      '“CA001” changed after this card was shown, so your click did nothing. It is now acknowledged.',
    );
    expect(executeActions(card)[0]?.data).toEqual({
      tenantId: CONTOSO.id,
      findingId: REQUIRE_MFA.id,
      version: 4,
    });
  });
});

describe('expandTemplate', () => {
  it('refuses a card with a binding the data did not fill', () => {
    const template = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: '${missing}' }],
    };

    expect(() => expandTemplate(template, {})).toThrow(UnboundBindingError);
  });
});
