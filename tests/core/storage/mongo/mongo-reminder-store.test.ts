import { describe, expect, it } from 'vitest';
import { createMongoReminderStore } from '../../../../core/storage/mongo/mongo-reminder-store';
import { useTestDatabase } from '../../../support/mongo';

const database = useTestDatabase();
const AT = '2025-06-02T09:00:00.000Z';
const key = (findingId: string, signature = 'sig-1') => ({
  conversationId: '19:c@thread.tacv2',
  findingId,
  signature,
});

describe('reminders recorded in MongoDB', () => {
  it('claims each conversation, finding and signature once, even when two replicas claim at once', async () => {
    const store = createMongoReminderStore(database.db);
    const other = createMongoReminderStore(database.db);

    const [first, second] = await Promise.all([
      store.claim([key('f1'), key('f2')], AT),
      other.claim([key('f1'), key('f2')], AT),
    ]);

    expect([...first, ...second].map((k) => k.findingId).sort()).toEqual(['f1', 'f2']);
    expect(await store.claim([key('f1'), key('f2'), key('f3')], AT)).toEqual([key('f3')]);
  });

  it('a new signature of the same finding is a new reminder; a released one can be claimed again', async () => {
    const store = createMongoReminderStore(database.db);
    await store.claim([key('g1')], AT);

    expect(await store.claim([key('g1', 'sig-2')], AT)).toEqual([key('g1', 'sig-2')]);
    await store.release([key('g1')]);
    expect(await store.claim([key('g1')], AT)).toEqual([key('g1')]);
  });
});
