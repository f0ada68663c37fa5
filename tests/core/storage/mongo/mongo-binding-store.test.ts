import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../support/mongo';
import {
  createMongoBindingStore,
  ensureBindingIndexes,
} from '../../../../core/storage/mongo/mongo-binding-store';
import { ALL_TENANTS, type ConversationRef } from '../../../../core/bindings/channel-binding';

const database = useTestDatabase();
const megan = { id: '11111111-1111-1111-1111-111111111111', name: 'Megan' };

function ref(conversationId: string): ConversationRef {
  return {
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelId: 'msteams',
    conversationId,
    conversationType: 'channel',
    bot: { id: '28:bot' },
  };
}

describe('channel bindings in MongoDB', () => {
  it('keeps a reference captured on install, then binds, finds by tenant and unbinds', async () => {
    const store = createMongoBindingStore(database.db);
    await ensureBindingIndexes(database.db);
    await store.saveReference(ref('19:a@thread.tacv2'), '2025-06-01T09:00:00.000Z');
    await store.saveReference(ref('19:noc@thread.tacv2'), '2025-06-01T09:00:00.000Z');

    await store.bind(ref('19:a@thread.tacv2'), {
      tenantId: 'tenant-a',
      severityFloor: 'low',
      boundBy: megan,
      boundAt: '2025-06-01T10:00:00.000Z',
    });
    await store.bind(ref('19:noc@thread.tacv2'), {
      tenantId: ALL_TENANTS,
      severityFloor: 'high',
      boundBy: megan,
      boundAt: '2025-06-01T10:00:00.000Z',
    });

    const forA = await store.forTenant('tenant-a');
    expect(forA.map((b) => b.conversationId)).toEqual(['19:a@thread.tacv2', '19:noc@thread.tacv2']);
    expect((await store.forTenant('tenant-b')).map((b) => b.conversationId)).toEqual(['19:noc@thread.tacv2']);
    expect(forA[0]).toMatchObject({
      installedAt: '2025-06-01T09:00:00.000Z',
      binding: { severityFloor: 'low' },
    });

    expect(await store.unbind('19:a@thread.tacv2')).toBe(true);
    expect(await store.unbind('19:a@thread.tacv2')).toBe(false);
    expect((await store.get('19:a@thread.tacv2'))?.binding).toBeUndefined();
  });

  it('records the last post per tenant and delivery health, shown by debug', async () => {
    const store = createMongoBindingStore(database.db);
    await store.saveReference(ref('19:b@thread.tacv2'), '2025-06-01T09:00:00.000Z');

    await store.recordPost('19:b@thread.tacv2', 'tenant-a', {
      activityId: 'act-9',
      at: '2025-06-01T11:00:00.000Z',
      runId: 'r1',
    });
    await store.recordDeliveryError('19:b@thread.tacv2', {
      at: '2025-06-01T12:00:00.000Z',
      message: 'the connector answered 403',
      status: 403,
    });

    const saved = await store.get('19:b@thread.tacv2');
    expect(saved?.lastPosts['tenant-a']).toEqual({
      activityId: 'act-9',
      at: '2025-06-01T11:00:00.000Z',
      runId: 'r1',
    });
    expect(saved?.lastDeliveredAt).toBe('2025-06-01T11:00:00.000Z');
    expect(saved?.lastDeliveryError).toEqual({
      at: '2025-06-01T12:00:00.000Z',
      message: 'the connector answered 403',
      status: 403,
    });

    await store.remove('19:b@thread.tacv2');
    expect(await store.get('19:b@thread.tacv2')).toBeUndefined();
  });

  describe('the notification log: what each conversation was told, per tenant', () => {
    let NOC = '';
    const AT = '2025-06-01T11:00:00.000Z';
    const LATER = '2025-06-01T11:10:00.000Z';
    const claimFor = (runId: string, rev: number, at = AT) => ({
      runId,
      rev,
      at,
      until: new Date(new Date(at).getTime() + 5 * 60_000).toISOString(),
    });
    const told = { 'f-1': { signature: 'sig-1', attention: true } };

    async function bound(conversationId: string) {
      NOC = conversationId;
      const store = createMongoBindingStore(database.db);
      await store.bind(ref(NOC), {
        tenantId: ALL_TENANTS,
        severityFloor: 'high',
        boundBy: megan,
        boundAt: AT,
      });
      return store;
    }

    it('a claimed delivery records what was told and the post, and the next claim starts from the new revision', async () => {
      const store = await bound('19:noc-record@thread.tacv2');
      expect((await store.get(NOC))?.told).toEqual({});

      expect(await store.claimNotification(NOC, 'tenant-a', claimFor('run-1', 0))).toBe(true);
      const post = { activityId: 'act-1', at: AT, runId: 'run-1' };
      expect(
        await store.recordNotified(NOC, 'tenant-a', { runId: 'run-1', findings: told, at: AT, post }),
      ).toBe(true);

      const saved = await store.get(NOC);
      expect(saved?.told?.['tenant-a']).toEqual({ rev: 1, findings: told });
      expect(saved?.lastPosts['tenant-a']).toEqual(post);
      expect(await store.claimNotification(NOC, 'tenant-a', claimFor('run-2', 0))).toBe(false);
      expect(await store.claimNotification(NOC, 'tenant-a', claimFor('run-2', 1))).toBe(true);
    });

    it('a held claim keeps a second run out until it is released or expires; tenants of a portfolio channel are apart', async () => {
      const store = await bound('19:noc-claim@thread.tacv2');
      expect(await store.claimNotification(NOC, 'tenant-a', claimFor('run-1', 0))).toBe(true);

      expect(await store.claimNotification(NOC, 'tenant-a', claimFor('run-2', 0))).toBe(false);
      expect(await store.recordNotified(NOC, 'tenant-a', { runId: 'run-2', findings: told, at: AT })).toBe(
        false,
      );
      expect(await store.claimNotification(NOC, 'tenant.b', claimFor('run-b', 0))).toBe(true);

      await store.releaseNotification(NOC, 'tenant-a', 'run-1');
      expect(await store.claimNotification(NOC, 'tenant-a', claimFor('run-2', 0))).toBe(true);
      // run-2 died holding it: once it expires, a later run may deliver.
      expect(await store.claimNotification(NOC, 'tenant-a', claimFor('run-3', 0, LATER))).toBe(true);

      const saved = await store.get(NOC);
      expect(saved?.told?.['tenant-a']?.claim?.runId).toBe('run-3');
      expect(saved?.told?.['tenant_b']?.claim?.runId).toBe('run-b');
    });

    it('unbinding forgets what the conversation was told', async () => {
      const store = await bound('19:noc-unbind@thread.tacv2');
      await store.recordNotified(NOC, 'tenant-a', { runId: 'run-1', findings: told, at: AT });

      await store.unbind(NOC);

      expect((await store.get(NOC))?.told).toEqual({});
    });
  });
});
