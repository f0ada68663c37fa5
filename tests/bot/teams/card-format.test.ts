import { describe, expect, it } from 'vitest';
import { CARD_FORMAT } from '../../../bot/teams/card-format';
import { POLICY_TYPES } from '../../../core/registry';

describe('how the bot names policy types on cards', () => {
  it('uses the registry label of every policy type', () => {
    for (const type of POLICY_TYPES) {
      expect(CARD_FORMAT.policyTypeLabel?.(type.key)).toBe(type.label);
    }
  });

  it('shows a key it does not know as it is', () => {
    expect(CARD_FORMAT.policyTypeLabel?.('somethingNew')).toBe('somethingNew');
  });
});
