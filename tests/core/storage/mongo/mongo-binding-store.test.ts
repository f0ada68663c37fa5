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
});
