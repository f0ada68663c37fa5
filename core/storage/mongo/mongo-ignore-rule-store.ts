import type { Db } from 'mongodb';
import type { IgnoreRuleStore, StoredIgnoreRule } from '../../findings/ignore-rule-store';
import { IGNORE_RULES_COLLECTION } from './lifecycle-collections';
import { isDuplicateKey, withoutUndefined } from './document-parts';
import { IgnoreRuleDoc } from './lifecycle-documents';

/** False-positive ignore rules in MongoDB; `_id` = rule id, so recording one twice keeps one. */
export function createMongoIgnoreRuleStore(db: Db): IgnoreRuleStore {
  const rules = db.collection<IgnoreRuleDoc>(IGNORE_RULES_COLLECTION);

  return {
    async add(rule) {
      const { id, ...rest } = rule;
      try {
        await rules.insertOne(withoutUndefined({ _id: id, ...rest }));
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },

    async list(tenantId) {
      const docs = await rules.find({ tenantId }).sort({ createdAt: 1, _id: 1 }).toArray();
      return docs.map(toRule);
    },
  };
}

function toRule(raw: unknown): StoredIgnoreRule {
  const { _id, ...rest } = IgnoreRuleDoc.parse(raw);
  return withoutUndefined({ id: _id, ...rest });
}
