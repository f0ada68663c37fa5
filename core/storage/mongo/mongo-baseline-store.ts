import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Baseline } from '../../baselines/baseline';
import type { BaselineStore } from '../../baselines/baseline-store';
import { BASELINE_OBJECTS_COLLECTION, BASELINES_COLLECTION } from './lifecycle-collections';
import { isDuplicateKey, withoutUndefined } from './document-parts';
import { BaselineDoc, BaselineObjectDoc, objectFields, objectFromFields } from './lifecycle-documents';

/**
 * Baselines in MongoDB. A version is a header in `baselines` (unique on tenantId + version) and its
 * objects in `baseline_objects` (a tenant can outgrow one 16 MB document). Objects are written
 * first and the header last, so a reader never sees a half-written version, and of two saves of
 * the same version number exactly one header gets in; the other removes its objects and reports it.
 */
export function createMongoBaselineStore(db: Db): BaselineStore {
  const headers = db.collection<BaselineDoc>(BASELINES_COLLECTION);
  const objects = db.collection<BaselineObjectDoc>(BASELINE_OBJECTS_COLLECTION);

  async function load(raw: unknown): Promise<Baseline> {
    const header = BaselineDoc.parse(raw);
    const docs = await objects.find({ saveId: header._id }).sort({ index: 1 }).toArray();
    const { _id, objectCount: _count, ...rest } = header;
    return withoutUndefined({
      ...rest,
      objects: docs.map((doc) => objectFromFields(BaselineObjectDoc.parse(doc))),
    });
  }

  async function current(tenantId: string): Promise<Baseline | undefined> {
    const header = await headers.findOne({ tenantId }, { sort: { version: -1 } });
    return header ? load(header) : undefined;
  }

  return {
    current,

    async get(tenantId, version) {
      const header = await headers.findOne({ tenantId, version });
      return header ? load(header) : undefined;
    },

    async versions(tenantId) {
      const docs = await headers.find({ tenantId }).sort({ version: -1 }).toArray();
      return docs.map((raw) => {
        const doc = BaselineDoc.parse(raw);
        return {
          version: doc.version,
          createdAt: doc.createdAt,
          createdBy: doc.createdBy,
          source: doc.source,
          note: doc.note,
          objects: doc.objectCount,
        };
      });
    },

    async save(baseline) {
      const saveId = randomUUID();
      if (baseline.objects.length > 0) {
        await objects.insertMany(
          baseline.objects.map((object, index) => ({
            _id: `${saveId}:${index}`,
            saveId,
            index,
            ...objectFields(object),
          })),
        );
      }
      const { objects: list, ...header } = baseline;
      try {
        await headers.insertOne(withoutUndefined({ _id: saveId, ...header, objectCount: list.length }));
        return { ok: true };
      } catch (error) {
        await objects.deleteMany({ saveId });
        if (!isDuplicateKey(error)) throw error;
        return {
          ok: false,
          reason: 'version-taken',
          message: `Baseline version ${baseline.version} was saved by someone else first.`,
          current: await current(baseline.tenantId),
        };
      }
    },
  };
}
