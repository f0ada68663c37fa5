import { describe, expect, it } from 'vitest';
import { CARD_BYTE_BUDGET, Verb, cardBytes, escapeMarkdown, renderFindingDetailCard } from '../../cards';
import { elementsOfType, executeActions, texts } from './support/card-walk';
import { CONTOSO, CUSTOM_PROFILE, LONG_XML, REQUIRE_MFA, aFinding } from './support/sample-data';
import { schemaErrors, sdkEvents } from './support/validate-card';

function tableCells(card: object): string[][] {
  const [table] = elementsOfType(card, 'Table');
  const rows = (table?.rows ?? []) as { cells: { items: { text: string }[] }[] }[];
  return rows.map((row) => row.cells.map((cell) => cell.items[0]?.text ?? ''));
}

describe('finding detail card', () => {
  it('shows the changes as a table of setting, baseline and current, sorted by setting', () => {
    const card = renderFindingDetailCard({ tenant: CONTOSO, finding: REQUIRE_MFA });

    expect(tableCells(card)).toEqual([
      ['Setting', 'Baseline', 'Current'],
      ['conditions.users.excludeUsers', '\\[\\]', expect.stringMatching(/^\\\["5e7f3b2a.*…$/)],
      ['grantControls.builtInControls', '\\["mfa"\\]', '\\["mfa","compliantDevice"\\]'],
      ['grantControls.operator', 'AND', 'OR'],
      ['state', 'enabled', 'enabledForReportingButNotEnforced'],
    ]);
  });

  it('shortens long values in the table and keeps the whole values one click away', () => {
    const card = renderFindingDetailCard({ tenant: CONTOSO, finding: CUSTOM_PROFILE });
    const [toggle] = elementsOfType(card, 'Action.ToggleVisibility');
    const whole = elementsOfType(card, 'Container').find((container) => container.id === 'whole-values');

    expect(tableCells(card)[2]?.[1]?.length).toBeLessThan(80);
    expect(toggle?.targetElements).toEqual(['whole-values']);
    expect(whole?.isVisible).toBe(false);
    expect(texts(whole)).toContain(escapeMarkdown(LONG_XML));
  });

  it('states what a missing object means when there are no property changes', () => {
    const missing = aFinding({
      id: 'f-missing',
      displayName: 'Defender',
      policyType: 'settingsCatalog',
      severity: 'high',
      kind: 'missing',
    });

    const card = renderFindingDetailCard({ tenant: CONTOSO, finding: missing });

    expect(texts(card)).toContain('The object is in the baseline but no longer in the tenant.');
    expect(elementsOfType(card, 'Table')).toEqual([]);
  });

  it('shows the history newest first, with who, the transition and the reason', () => {
    const card = renderFindingDetailCard({ tenant: CONTOSO, finding: REQUIRE_MFA });
    const history = texts(card).filter((text) => / · (\*\*|Driftwatch)/.test(text));

    expect(history).toEqual([
      '3 Dec 2025, 14:02 UTC · **Megan Bowen** acknowledged (Open → Acknowledged): Checking with the identity team whether the exclusion is the break-glass account.',
      '3 Dec 2025, 13:58 UTC · **Megan Bowen** is investigating',
      '2 Dec 2025, 08:00 UTC · Driftwatch detected',
    ]);
  });

  it('offers Assign to me and Triage, and Acknowledge only while open, with the version shown', () => {
    const acknowledged = executeActions(renderFindingDetailCard({ tenant: CONTOSO, finding: REQUIRE_MFA }));
    const open = executeActions(renderFindingDetailCard({ tenant: CONTOSO, finding: CUSTOM_PROFILE }));

    expect(acknowledged.map((action) => action.verb)).toEqual([Verb.Refresh, Verb.AssignToMe, Verb.Triage]);
    expect(open.map((action) => action.verb)).toEqual([
      Verb.Refresh,
      Verb.Acknowledge,
      Verb.AssignToMe,
      Verb.Triage,
    ]);
    expect(open[1]?.data).toEqual({ tenantId: CONTOSO.id, findingId: CUSTOM_PROFILE.id, version: 1 });
  });

  it('pages through a finding with hundreds of changed settings and huge values, within budget', () => {
    const changes = Array.from({ length: 400 }, (_, index) => ({
      path: `settings[${String(index).padStart(3, '0')}].${'deeply.nested.'.repeat(10)}value`,
      baseline: { xml: LONG_XML, index },
      current: { xml: LONG_XML.repeat(3), index },
    }));
    const finding = {
      ...CUSTOM_PROFILE,
      changes,
      history: Array.from({ length: 300 }, () => REQUIRE_MFA.history[2]!),
    };

    const first = renderFindingDetailCard({ tenant: CONTOSO, finding });
    const shown = Number(
      texts(first)
        .find((text) => text.startsWith('What changed: settings 1–'))
        ?.match(/1–(\d+) of 400/)?.[1],
    );
    const second = renderFindingDetailCard({ tenant: CONTOSO, finding, changesOffset: shown });

    expect(shown).toBeGreaterThanOrEqual(5);
    for (const card of [first, second]) {
      expect(cardBytes(card)).toBeLessThan(CARD_BYTE_BUDGET);
      expect(schemaErrors(card)).toEqual([]);
      expect(sdkEvents(card)).toEqual([]);
    }
    const next = executeActions(first).find((action) => action.title === 'Next settings');
    expect(next?.data).toMatchObject({ findingId: CUSTOM_PROFILE.id, changesOffset: shown });
    expect(texts(second)).toContain(`What changed: settings ${shown + 1}–${2 * shown} of 400`);
    expect(texts(first).some((text) => /… \(cut at [\d,]+ of [\d,]+ characters\)$/.test(text))).toBe(true);
  });
});
