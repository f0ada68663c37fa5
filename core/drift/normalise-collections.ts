import type { KeyedArray } from '../registry';
import { canonicalJson, isRecord } from './canonical';
import { getPath, keyItems } from './keyed';
import { bareOdataType } from './strip';

/** Marker for a secret or masked value that is present: secrets compare by presence (rules 17-19). */
export const SECRET = '<secret>';

const SETTING_TEMPLATE_REFS = new Set(['settingInstanceTemplateReference', 'settingValueTemplateReference']);

/**
 * Settings catalog (rule 12): the list becomes a keyed set of setting instances by settingDefinitionId,
 * recursively for children; value collections become sorted sets; template bindings and per-position
 * ids go; secret values become a presence marker.
 */
export function normaliseCatalogSettings(settings: unknown[]): unknown[] {
  const instances = settings.map((s) =>
    isRecord(s) && isRecord(s['settingInstance']) ? s['settingInstance'] : s,
  );
  return keyInstances(instances);
}

function keyInstances(items: unknown[]): unknown[] {
  return keyItems(items.map(settingNode), (item) => String(item['settingDefinitionId'] ?? '')).map((item) => {
    const { settingDefinitionId: _id, ...rest } = item as Record<string, unknown>;
    return rest;
  });
}

function settingNode(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => isRecord(v) && typeof v['settingDefinitionId'] === 'string'))
      return keyInstances(value);
    return sortByCanonical(value.map(settingNode));
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SETTING_TEMPLATE_REFS.has(key) || key === 'auditRuleInformation') continue;
    out[key] = settingNode(v);
  }
  if (isSecretValue(out)) {
    delete out['valueState'];
    if (out['value'] !== undefined && out['value'] !== null && out['value'] !== '') out['value'] = SECRET;
  }
  return out;
}

function isSecretValue(node: Record<string, unknown>): boolean {
  const type = node['@odata.type'];
  return (
    (typeof type === 'string' && type.endsWith('SecretSettingValue')) ||
    node['valueState'] === 'encryptedValueToken'
  );
}

/** Legacy intents (rule 13): keyed by definitionId, value from `JSON.parse(valueJson)`. */
export function normaliseIntentSettings(settings: unknown[]): unknown[] {
  const items = settings.filter(isRecord).map((s) => {
    const { valueJson, value, definitionId, ...rest } = s;
    let parsed: unknown = value;
    if (typeof valueJson === 'string') {
      try {
        parsed = JSON.parse(valueJson);
      } catch {
        parsed = valueJson;
      }
    }
    return { ...rest, definitionId, value: parsed };
  });
  return keyItems(items, (item) => String(item['definitionId'] ?? '')).map((item) => {
    const { definitionId: _d, ...rest } = item as Record<string, unknown>;
    return rest;
  });
}

/** OMA-URI settings (rules 14, 18): keyed by omaUri; encrypted values compare by presence. */
export function normaliseOmaSettings(settings: unknown[]): unknown[] {
  const items = settings.filter(isRecord).map((s) => {
    const { secretReferenceValueId: _ref, omaUri, ...rest } = s;
    const masked =
      rest['isEncrypted'] === true || (typeof rest['value'] === 'string' && /^\*{3,}$/.test(rest['value']));
    if (masked && rest['value'] !== null && rest['value'] !== undefined && rest['value'] !== '')
      rest['value'] = SECRET;
    return { omaUri, ...rest };
  });
  return keyItems(items, (item) => String(item['omaUri'] ?? '')).map((item) => {
    const { omaUri: _u, ...rest } = item as Record<string, unknown>;
    return rest;
  });
}

/**
 * Assignments (rule 11): keyed by target, e.g. `group:<id>`, `exclusionGroup:<id>`, `allDevices`;
 * exclusion is a kind, not a flag. Assignment ids and sources go; a `none` filter is no filter.
 */
export function normaliseAssignments(assignments: unknown[]): unknown[] {
  const items = assignments.filter(isRecord).map((a) => {
    const { source: _s, sourceId: _si, target, ...rest } = a;
    const t = isRecord(target) ? { ...target } : {};
    const kind = typeof t['@odata.type'] === 'string' ? targetKind(t['@odata.type']) : 'unknown';
    const group = t['groupId'];
    delete t['@odata.type'];
    delete t['groupId'];
    if (t['deviceAndAppManagementAssignmentFilterType'] === 'none') {
      delete t['deviceAndAppManagementAssignmentFilterType'];
      delete t['deviceAndAppManagementAssignmentFilterId'];
    }
    const label = typeof group === 'string' && group ? `${kind}:${group}` : kind;
    return { label, body: { ...rest, target: t } };
  });
  const labels = new Map<Record<string, unknown>, string>(items.map((i) => [i.body, i.label]));
  return keyItems(
    items.map((i) => i.body),
    (item) => labels.get(item) ?? 'unknown',
  );
}

function targetKind(odataType: string): string {
  return bareOdataType(odataType).replace(/AssignmentTarget$/, '');
}

/** A registry-declared keyed array: label from the key paths (`|`-joined), `default` when none is set. */
export function normaliseKeyedArray(items: unknown[], spec: KeyedArray): unknown[] {
  return keyItems(items, (item) => {
    const parts = spec.keys
      .map((k) => getPath(item, k))
      .filter((v) => v !== undefined && v !== null && v !== '')
      .map((v) => (typeof v === 'string' ? v : canonicalJson(v)));
    return parts.length > 0 ? parts.join('|') : 'default';
  });
}

export function sortByCanonical(values: unknown[]): unknown[] {
  return values
    .map((v) => ({ v, c: canonicalJson(v) }))
    .sort((a, b) => (a.c < b.c ? -1 : a.c > b.c ? 1 : 0))
    .map((x) => x.v);
}
