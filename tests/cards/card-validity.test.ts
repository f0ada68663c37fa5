import { describe, expect, it } from 'vitest';
import { CARD_BYTE_BUDGET, cardBytes } from '../../cards';
import { SAMPLE_CARDS } from './support/sample-cards';
import { schemaErrors, sdkEvents } from './support/validate-card';

describe('every card, rendered from realistic data', () => {
  it.each(SAMPLE_CARDS.map((sample) => [sample.name, sample] as const))(
    '%s is a valid Adaptive Card 1.5 for the official schema and the SDK, within budget',
    (_name, sample) => {
      const card = sample.render();

      expect(card.version).toBe('1.5');
      expect(schemaErrors(card)).toEqual([]);
      expect(sdkEvents(card)).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('${');
      expect(cardBytes(card)).toBeLessThan(CARD_BYTE_BUDGET);
    },
  );
});

describe('the validators the cards are checked with', () => {
  it('reject what a broken template would produce', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlok', text: 'typo' },
        { type: 'Input.Text', id: 'reason', isRequired: true },
      ],
    };

    expect(schemaErrors(broken)).not.toEqual([]);
    expect(sdkEvents(broken).join('\n')).toMatch(/UnknownElementType[\s\S]*RequiredInputsShouldHaveLabel/);
  });
});
