import { describe, expect, it } from 'vitest';
import { ignoreRuleFor } from '../../../core/findings/ignore-rule-store';
import { aChange, alice } from '../../support/builders/drift';
import { aFinding } from '../../support/builders/finding';

const NOW = new Date('2025-06-10T09:00:00.000Z');

describe('ignoreRuleFor: what a false positive leaves out of future diffs', () => {
  it('names each changed path of a modified object once, sorted', () => {
    const finding = aFinding({
      changes: [aChange({ path: 'b' }), aChange({ path: 'a' }), aChange({ path: 'b' })],
    });

    const rule = ignoreRuleFor(finding, 'Graph default', alice, NOW);

    expect(rule).toMatchObject({ policyType: finding.policyType, key: finding.key, paths: ['a', 'b'] });
  });

  it.each(['added', 'missing'] as const)('ignores a whole %s object', (kind) => {
    const rule = ignoreRuleFor(aFinding({ kind, changes: [] }), 'built-in policy', alice, NOW);

    expect(rule.paths).toEqual(['*']);
  });
});
