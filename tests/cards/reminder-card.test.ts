import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CARD_BYTE_BUDGET, cardBytes, renderReminderCard, type ReminderFinding } from '../../cards';
import { CONTOSO, SAMPLE_FINDINGS } from './support/sample-data';
import { schemaErrors, sdkEvents } from './support/validate-card';

// UPDATE_GOLDEN=1 npx vitest run tests/cards/reminder-card.test.ts rewrites the file; review the diff.
const golden = fileURLToPath(new URL('../golden/cards/reminder.json', import.meta.url));

const waiting = (count: number): ReminderFinding[] =>
  Array.from({ length: count }, (_, i) => {
    const finding = SAMPLE_FINDINGS[i % SAMPLE_FINDINGS.length];
    if (!finding) throw new Error('no sample findings');
    return { ...finding, id: `${finding.id}-${i}`, state: 'open', waitingSince: '2025-12-01T09:30:00.000Z' };
  });

describe('the reminder card', () => {
  it('lists the waiting findings worst first, says the age, and matches the reviewed golden file', () => {
    const card = renderReminderCard({ tenant: CONTOSO, olderThan: '24 hours', findings: waiting(3) });
    const actual = `${JSON.stringify(card, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, actual);

    expect(actual).toBe(readFileSync(golden, 'utf8'));
    expect(JSON.stringify(card)).toContain('3 findings still unacknowledged after 24 hours');
    expect(schemaErrors(card)).toEqual([]);
    expect(sdkEvents(card)).toEqual([]);
  });

  it('stays compact: at most ten rows and a count of the rest, within the size budget', () => {
    const card = renderReminderCard({ tenant: CONTOSO, olderThan: '2 days', findings: waiting(40) });

    const body = card.body as { type: string; text?: string }[];
    expect(body.filter((element) => element.type === 'ColumnSet')).toHaveLength(10);
    expect(JSON.stringify(card)).toContain('30 more findings waiting.');
    expect(cardBytes(card)).toBeLessThan(CARD_BYTE_BUDGET);
    expect(schemaErrors(card)).toEqual([]);
  });
});
