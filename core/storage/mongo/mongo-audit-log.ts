import type { Db, Filter } from 'mongodb';
import type { AuditEntry } from '../../findings/audit-entry';
import type { AuditLog } from '../../findings/audit-log';
import { AUDIT_COLLECTION } from './lifecycle-collections';
import { everyWriteErrorIsDuplicate, withoutUndefined } from './document-parts';
import { AuditDoc } from './lifecycle-documents';

/** The audit log in MongoDB: insert-only, `_id` = `<findingId>:v<version>` so a repeat is a no-op. */
export function createMongoAuditLog(db: Db): AuditLog {
  const audit = db.collection<AuditDoc>(AUDIT_COLLECTION);

  return {
    async append(entries) {
      if (entries.length === 0) return;
      const docs = entries.map(({ id, ...rest }): AuditDoc => withoutUndefined({ _id: id, ...rest }));
      try {
        await audit.insertMany(docs, { ordered: false });
      } catch (error) {
        if (!everyWriteErrorIsDuplicate(error)) throw error;
      }
    },

    async list(query) {
      const filter: Filter<AuditDoc> = {};
      if (query.tenantId !== undefined) filter.tenantId = query.tenantId;
      if (query.findingId !== undefined) filter.findingId = query.findingId;
      const cursor = audit.find(filter).sort({ at: 1, findingVersion: 1 });
      if (query.limit !== undefined) cursor.limit(query.limit);
      return (await cursor.toArray()).map(toEntry);
    },
  };
}

function toEntry(doc: unknown): AuditEntry {
  const { _id, ...rest } = AuditDoc.parse(doc);
  return withoutUndefined({ id: _id, ...rest });
}
