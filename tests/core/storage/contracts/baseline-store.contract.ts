import { describe, expect, it } from 'vitest';
import type { LifecycleStores } from '../../../../core/findings/lifecycle-stores';
import { captureBaseline } from '../../../../core/baselines/capture-baseline';
import { alice, anObject, TENANT } from '../../../support/builders/drift';

const T1 = new Date('2025-06-01T09:00:00.000Z');
const source = { kind: 'tenant', ref: TENANT } as const;
const odd = anObject({
  policyType: 'deviceConfiguration',
  key: 'oma-1',
  displayName: 'Custom OMA',
  body: {
    omaSettings: { './Vendor/MSFT/Policy/Config/A.B': { value: 1 } },
    $type: 'custom',
    nested: [null, 'x'],
  },
});

/** The behaviour every BaselineStore must have: the in-memory fake and MongoDB run this same suite. */
export function baselineStoreContract(makeStores: () => Promise<LifecycleStores>): void {
  describe('BaselineStore contract', () => {
    it('has no baseline for a tenant never captured', async () => {
      const { baselines } = await makeStores();

      expect(await baselines.current(TENANT)).toBeUndefined();
      expect(await baselines.versions(TENANT)).toEqual([]);
    });

    it('keeps every version immutable and reads the newest as current', async () => {
      const { baselines } = await makeStores();
      const v1 = captureBaseline(TENANT, [anObject(), odd], source, null, T1);
      const v2 = captureBaseline(TENANT, [odd], source, alice, T1, v1);

      await baselines.save(v1);
      await baselines.save(v2);

      expect(await baselines.current(TENANT)).toEqual(v2);
      expect(await baselines.get(TENANT, 1)).toEqual(v1);
      expect(await baselines.get(TENANT, 3)).toBeUndefined();
      expect((await baselines.versions(TENANT)).map((v) => [v.version, v.objects, v.createdBy])).toEqual([
        [2, 1, alice],
        [1, 2, null],
      ]);
    });

    it('refuses a second save of the same version number and says what is current', async () => {
      const { baselines } = await makeStores();
      const mine = captureBaseline(TENANT, [anObject()], source, alice, T1);
      const theirs = captureBaseline(TENANT, [odd], source, alice, T1);
      await baselines.save(theirs);

      const result = await baselines.save(mine);

      expect(result).toMatchObject({ ok: false, reason: 'version-taken', current: theirs });
      expect(await baselines.current(TENANT)).toEqual(theirs);
    });

    it('lets exactly one of 10 simultaneous saves become version 1', async () => {
      const { baselines } = await makeStores();
      const candidates = Array.from({ length: 10 }, (_, i) =>
        captureBaseline(TENANT, [anObject({ key: `k-${i}`, displayName: `Policy ${i}` })], source, alice, T1),
      );

      const results = await Promise.all(candidates.map((b) => baselines.save(b)));

      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const winner = candidates[results.findIndex((r) => r.ok)];
      expect(await baselines.current(TENANT)).toEqual(winner);
      expect(await baselines.versions(TENANT)).toHaveLength(1);
    });

    it('stores an empty baseline (a tenant with nothing configured yet)', async () => {
      const { baselines } = await makeStores();
      const empty = captureBaseline(TENANT, [], { kind: 'export', ref: 'exports/contoso' }, null, T1);

      await baselines.save(empty);

      expect(await baselines.current(TENANT)).toEqual(empty);
    });
  });
}
