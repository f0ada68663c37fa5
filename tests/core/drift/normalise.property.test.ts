import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeJson, normaliseObject } from '../../../core/drift';
import { policyTypeOf } from '../../../core/registry';
import { FIXTURES, type Raw } from './export-copies';

const samples = readdirSync(FIXTURES, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.json'))
  .map((e) => join(e.parentPath, e.name))
  .sort()
  .map((file) => decodeJson(readFileSync(file), file) as Raw);

/** Shuffle every object's keys and every array with a seeded generator. */
function permute(value: unknown, rand: () => number): unknown {
  const shuffle = <T>(items: T[]) => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  if (Array.isArray(value)) return shuffle(value.map((v) => permute(v, rand)));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(shuffle(Object.entries(value)).map(([k, v]) => [k, permute(v, rand)]));
}

function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

describe('normalisation is independent of key and array order', () => {
  it('gives the same body and hash for any permutation of a real object', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: samples.length - 1 }), fc.integer(), (index, seed) => {
        const raw = samples[index] as Raw;
        const def = policyTypeOf(raw);
        if (!def) throw new Error('fixture of unknown type');

        const permuted = normaliseObject(permute(raw, seeded(seed)), def);

        expect(permuted).toEqual(normaliseObject(raw, def));
      }),
      { numRuns: 150 },
    );
  });
});
