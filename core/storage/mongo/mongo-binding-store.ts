import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { SEVERITIES } from '../../model';
import type { BindingStore } from '../../bindings/binding-store';
import { ALL_TENANTS, lastPostKey, type ChannelBinding } from '../../bindings/channel-binding';
import { ActorDoc, ConversationRefDoc, withoutUndefined } from './document-parts';

export const BINDINGS_COLLECTION = 'bindings';

// Documents are read through zod: a hand-edited or older document fails loudly here, not in a card.
const BindingDoc = z.object({
  _id: z.string(),
  reference: ConversationRefDoc,
  installedAt: z.string(),
  binding: z
    .object({
      tenantId: z.string(),
      severityFloor: z.enum(SEVERITIES),
      boundBy: ActorDoc,
      boundAt: z.string(),
    })
    .optional(),
  lastPosts: z
    .record(
      z.object({
        activityId: z.string(),
        at: z.string(),
        runId: z.string(),
        news: z
          .object({
            newIds: z.array(z.string()),
            reopenedIds: z.array(z.string()),
            changedIds: z.array(z.string()),
            resolved: z.number(),
          })
          .optional(),
      }),
    )
    .default({}),
  told: z
    .record(
      z.object({
        rev: z.number().default(0),
        findings: z.record(z.object({ signature: z.string(), attention: z.boolean() })).default({}),
        claim: z.object({ runId: z.string(), until: z.string() }).optional(),
      }),
    )
    .default({}),
  lastDeliveredAt: z.string().optional(),
  lastDeliveryError: z
    .object({ at: z.string(), message: z.string(), status: z.number().optional() })
    .optional(),
});
type BindingDoc = z.infer<typeof BindingDoc>;

/** Indexes of the bindings collection; the database set-up calls this once at start. */
export async function ensureBindingIndexes(db: Db): Promise<void> {
  await db.collection(BINDINGS_COLLECTION).createIndex({ 'binding.tenantId': 1 }, { name: 'binding_tenant' });
}

function toBinding(doc: unknown): ChannelBinding {
  const { _id, ...rest } = BindingDoc.parse(doc);
  return { conversationId: _id, ...withoutUndefined(rest) };
}

/** Channel bindings in MongoDB, one document per conversation (`_id` = conversation id). */
export function createMongoBindingStore(db: Db): BindingStore {
  const bindings: Collection<BindingDoc> = db.collection<BindingDoc>(BINDINGS_COLLECTION);

  return {
    async get(conversationId) {
      const doc = await bindings.findOne({ _id: conversationId });
      return doc ? toBinding(doc) : undefined;
    },
    async list() {
      return (await bindings.find({}).sort({ _id: 1 }).toArray()).map(toBinding);
    },
    async forTenant(tenantId) {
      const docs = await bindings
        .find({ 'binding.tenantId': { $in: [tenantId, ALL_TENANTS] } })
        .sort({ _id: 1 })
        .toArray();
      return docs.map(toBinding);
    },
    async saveReference(reference, at) {
      await bindings.updateOne(
        { _id: reference.conversationId },
        { $set: { reference }, $setOnInsert: { installedAt: at, lastPosts: {}, told: {} } },
        { upsert: true },
      );
    },
    async bind(reference, binding) {
      await bindings.updateOne(
        { _id: reference.conversationId },
        {
          $set: { reference, binding },
          $setOnInsert: { installedAt: binding.boundAt, lastPosts: {}, told: {} },
        },
        { upsert: true },
      );
    },
    async unbind(conversationId) {
      const result = await bindings.updateOne(
        { _id: conversationId, binding: { $exists: true } },
        { $unset: { binding: '' }, $set: { lastPosts: {}, told: {} } },
      );
      return result.modifiedCount > 0;
    },
    async remove(conversationId) {
      await bindings.deleteOne({ _id: conversationId });
    },
    async recordPost(conversationId, tenantId, post) {
      await bindings.updateOne(
        { _id: conversationId },
        { $set: { [`lastPosts.${lastPostKey(tenantId)}`]: post, lastDeliveredAt: post.at } },
      );
    },
    // The log of each tenant lives under its own path (`told.<tenant>`): a portfolio conversation's
    // tenants are notified by different runs at once, and each writes only its own part.
    async claimNotification(conversationId, tenantId, { runId, rev, at, until }) {
      const log = `told.${lastPostKey(tenantId)}`;
      const atRev =
        rev === 0
          ? { $or: [{ [`${log}.rev`]: { $exists: false } }, { [`${log}.rev`]: 0 }] }
          : { [`${log}.rev`]: rev };
      const unclaimed = {
        $or: [{ [`${log}.claim`]: { $exists: false } }, { [`${log}.claim.until`]: { $lte: at } }],
      };
      const result = await bindings.updateOne(
        { _id: conversationId, $and: [atRev, unclaimed] },
        { $set: { [`${log}.claim`]: { runId, until } } },
      );
      return result.modifiedCount > 0;
    },
    async recordNotified(conversationId, tenantId, { runId, findings, at, post }) {
      const key = lastPostKey(tenantId);
      const log = `told.${key}`;
      const result = await bindings.updateOne(
        {
          _id: conversationId,
          $or: [{ [`${log}.claim`]: { $exists: false } }, { [`${log}.claim.runId`]: runId }],
        },
        {
          $set: {
            [`${log}.findings`]: findings,
            lastDeliveredAt: at,
            ...(post ? { [`lastPosts.${key}`]: post } : {}),
          },
          $inc: { [`${log}.rev`]: 1 },
          $unset: { [`${log}.claim`]: '' },
        },
      );
      return result.modifiedCount > 0;
    },
    async releaseNotification(conversationId, tenantId, runId) {
      const log = `told.${lastPostKey(tenantId)}`;
      await bindings.updateOne(
        { _id: conversationId, [`${log}.claim.runId`]: runId },
        { $unset: { [`${log}.claim`]: '' } },
      );
    },
    async recordDelivered(conversationId, at) {
      await bindings.updateOne({ _id: conversationId }, { $set: { lastDeliveredAt: at } });
    },
    async recordDeliveryError(conversationId, error) {
      await bindings.updateOne(
        { _id: conversationId },
        { $set: { lastDeliveryError: withoutUndefined(error) } },
      );
    },
  };
}
