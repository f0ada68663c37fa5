import { describe, expect, it } from 'vitest';
import { closingGraphWorlds, expectedObjects, TENANT_A } from './graph-fixture';

const world = closingGraphWorlds();

describe('reading a tenant from the Graph simulator', () => {
  it('reproduces every object of the tenant folder, follow-ups merged in', async () => {
    const { reader } = await world();

    const read = await reader.read(TENANT_A);

    const expected = await expectedObjects(TENANT_A);
    for (const [type, byId] of Object.entries(expected)) {
      expect(read.coverage[type], type).toEqual({ status: 'complete', objects: byId.size });
      const got = new Map((read.objects[type] ?? []).map((o) => [String(o.id), o]));
      expect([...got.keys()].sort(), type).toEqual([...byId.keys()].sort());
      for (const [id, object] of byId) expect(got.get(id), `${type}/${id}`).toEqual(object);
    }
  });
});
