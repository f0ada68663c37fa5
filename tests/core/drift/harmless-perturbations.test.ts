import { afterAll, describe, expect, it } from 'vitest';
import { diffInventories, loadExport } from '../../../core/drift';
import {
  copyExport,
  FIXTURES,
  mapObjects,
  mapStrings,
  removeCopies,
  type Encoding,
  type Raw,
} from './export-copies';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const reverseKeys = (raw: Raw) =>
  mapObjects(raw, (o) => Object.fromEntries(Object.entries(o).reverse())) as Raw;

const reverseArrays = (raw: Raw) =>
  mapObjects(raw, (o) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? [...v].reverse() : v])),
  ) as Raw;

/** Server-assigned ids below the root, timestamps and versions, as a re-read or another tenant gives them. */
const newIdsTimestampsVersions = (raw: Raw) => {
  const out = mapObjects(raw, (o) => {
    const copy = { ...o };
    // An authentication strength's id is a reference (built-ins have fixed ids), not a server-assigned id.
    const isReference = 'allowedCombinations' in copy;
    if (typeof copy['id'] === 'string' && !isReference) copy['id'] = `${copy['id']}-reread`;
    for (const k of ['createdDateTime', 'lastModifiedDateTime', 'modifiedDateTime'])
      if (k in copy) copy[k] = '2030-01-01T00:00:00Z';
    if (typeof copy['version'] === 'number') copy['version'] += 7;
    return copy;
  }) as Raw;
  out['id'] = raw['id'];
  return out;
};

/** Drop every annotation a tool may or may not write, and add ones a live response carries. */
const otherAnnotations = (raw: Raw) => {
  const out = mapObjects(raw, (o) =>
    Object.fromEntries(
      Object.entries(o).filter(
        ([k]) => !(k.includes('@odata.') && k !== '@odata.type') && !k.startsWith('#'),
      ),
    ),
  ) as Raw;
  return {
    ...out,
    '@odata.context': raw['@odata.context'],
    '@microsoft.graph.tips': 'Use $select to choose only the properties your app needs',
    '#microsoft.graph.assign': { title: 'microsoft.graph.assign', target: 'https://example.invalid/assign' },
    'displayName@odata.type': '#String',
  };
};

/** null ↔ missing ↔ empty list. */
const nullsAndEmptyLists = (raw: Raw) =>
  mapObjects(raw, (o) =>
    Object.fromEntries(
      Object.entries(o)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, Array.isArray(v) && v.length === 0 ? null : v]),
    ),
  ) as Raw;

const upperGuids = (raw: Raw) => mapStrings(raw, (s) => (GUID.test(s) ? s.toUpperCase() : s)) as Raw;

const everything = (raw: Raw) =>
  upperGuids(nullsAndEmptyLists(otherAnnotations(newIdsTimestampsVersions(reverseArrays(reverseKeys(raw))))));

afterAll(removeCopies);

describe('diff of the real exports against harmless perturbations', () => {
  it('finds nothing between identical folders', async () => {
    const baseline = await loadExport(FIXTURES);
    const current = await loadExport(await copyExport());

    const result = diffInventories(baseline.objects, current.objects);

    expect(baseline.objects.length).toBe(34);
    expect(result).toEqual({ drifts: [], unchanged: 34 });
  });

  it.each<[string, (raw: Raw) => Raw, Encoding]>([
    ['UTF-16LE with BOM and CRLF', (raw) => raw, 'utf16le-bom'],
    ['UTF-8 with BOM', (raw) => raw, 'utf8-bom'],
    ['key order reversed everywhere', reverseKeys, 'utf8'],
    ['every array reversed (settings, children, assignments, OMA, CA sets, actions)', reverseArrays, 'utf8'],
    ['ids, timestamps and versions changed', newIdsTimestampsVersions, 'utf8'],
    ['annotations removed and others added', otherAnnotations, 'utf8'],
    ['null, missing and empty lists swapped', nullsAndEmptyLists, 'utf8'],
    ['GUIDs in upper case', upperGuids, 'utf8'],
    ['all of these at once, in UTF-16', everything, 'utf16le-bom'],
  ])('finds nothing when the copy has %s', async (_name, perturb, encoding) => {
    const baseline = await loadExport(FIXTURES);
    const current = await loadExport(await copyExport(perturb, encoding));

    const result = diffInventories(baseline.objects, current.objects);

    expect(result.drifts).toEqual([]);
    expect(result.unchanged).toBe(34);
  });

  it('matches a golden tenant by display name when every object has another id', async () => {
    const baseline = await loadExport(FIXTURES);
    let n = 0;
    const otherTenant = await copyExport((raw) => ({
      ...raw,
      id: `0000000${n++}-aaaa-4bbb-8ccc-${String(n).padStart(12, '0')}`,
    }));

    const result = diffInventories(baseline.objects, (await loadExport(otherTenant)).objects);

    expect(result).toEqual({ drifts: [], unchanged: 34 });
  });
});
