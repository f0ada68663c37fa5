import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from './support/sample-cards';

// UPDATE_GOLDEN=1 npx vitest run tests/cards/golden.test.ts rewrites the files; review the diff.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const goldenDir = fileURLToPath(new URL('../golden/cards/', import.meta.url));

describe('card JSON matches the reviewed golden files', () => {
  it.each(SAMPLE_CARDS.map((sample) => [sample.name, sample] as const))('%s', (name, sample) => {
    const file = `${goldenDir}${name}.json`;
    const actual = `${JSON.stringify(sample.render(), null, 2)}\n`;

    if (UPDATE) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(file, actual);
    }

    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
