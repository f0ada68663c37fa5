import type { NormalisedObject } from '../model';
import type { PolicyTypeDefinition } from '../registry';
import { createHash } from 'node:crypto';
import { isRecord } from './canonical';
import { deletePath, updatePath } from './keyed';
import {
  normaliseAssignments,
  normaliseCatalogSettings,
  normaliseIntentSettings,
  normaliseKeyedArray,
  normaliseOmaSettings,
  SECRET,
} from './normalise-collections';
import { dropNestedTypes, pruneEmpty, stripAnnotations } from './strip';
import { canonicalDuration, canonicalFlags, canonicalSet } from './values';

/** Rules 6-7: server-managed or derived properties, kept as snapshot metadata but never compared. */
const SERVER_MANAGED = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'modifiedDateTime',
  'deletedDateTime',
  'version',
  'isAssigned',
  'settingCount',
  'deployedAppCount',
  'supportsScopeTags',
  'creationSource',
  'isMigratingToConfigurationPolicy',
  'highestAvailableVersion',
  'isGlobalScript',
  'deviceHealthScriptType',
  'lastSyncDateTime',
  'isReadOnly',
  'token',
  'topicIdentifier',
  'companyCodes',
  'certificate',
  'usedLicenseCount',
  'priorityMetaData',
];

/** Sets every type has. */
const COMMON_SETS = ['roleScopeTagIds'];

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/**
 * A raw Graph object → its canonical form and content hash, applying graph-reading.md §5 in order:
 * annotations, server metadata, keyed collections (settings, OMA, intents, assignments, registry-declared
 * sets), flag enums and durations, secrets, then null = missing = empty.
 */
export function normaliseObject(raw: unknown, def: PolicyTypeDefinition): NormalisedObject {
  if (!isRecord(raw)) throw new TypeError(`a ${def.key} object must be a JSON object`);
  const body = normaliseBody(raw, def);
  const id = raw['id'];
  const displayName = nameOf(raw, def);
  return {
    policyType: def.key,
    key: typeof id === 'string' && id ? id.toLowerCase() : `name:${displayName}`,
    displayName,
    // The body's keys are sorted and its arrays canonical, so plain JSON is its canonical form.
    hash: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
    body,
  };
}

/** The normalised body alone (what the hash covers). */
export function normaliseBody(
  raw: Record<string, unknown>,
  def: PolicyTypeDefinition,
): Record<string, unknown> {
  const stripped = stripAnnotations(raw) as Record<string, unknown>;
  for (const key of SERVER_MANAGED) delete stripped[key];
  for (const path of def.normalise.ignore ?? []) deletePath(stripped, path);

  // Collections whose items keep their @odata.type discriminator (rule 5) are set aside first.
  const special: Record<string, unknown> = {};
  const take = (key: string, fn: (items: unknown[]) => unknown[]) => {
    const v = stripped[key];
    if (!Array.isArray(v)) return;
    special[key] = fn(v);
    delete stripped[key];
  };
  take('assignments', normaliseAssignments);
  take('omaSettings', normaliseOmaSettings);
  const settings = stripped['settings'];
  if (Array.isArray(settings) && settings.some((s) => isRecord(s) && 'settingInstance' in s))
    take('settings', normaliseCatalogSettings);
  else if (Array.isArray(settings) && settings.some((s) => isRecord(s) && 'definitionId' in s))
    take('settings', normaliseIntentSettings);

  const body = dropNestedTypes(stripped) as Record<string, unknown>;
  for (const spec of def.normalise.keyedArrays ?? [])
    updatePath(body, spec.path, (v) => (Array.isArray(v) ? normaliseKeyedArray(v, spec) : v));
  for (const path of [...COMMON_SETS, ...(def.normalise.sets ?? [])]) updatePath(body, path, canonicalSet);
  for (const path of def.normalise.flagEnums ?? []) updatePath(body, path, canonicalFlags);
  for (const path of def.normalise.durations ?? []) updatePath(body, path, canonicalDuration);
  for (const path of def.secretPaths) updatePath(body, path, (v) => (v === null || v === '' ? v : SECRET));
  dropZeroTemplateIds(body);

  const keepEmpty = new Set(def.normalise.emptyListMeaningful ?? []);
  return pruneEmpty({ ...body, ...special }, keepEmpty) as Record<string, unknown>;
}

function nameOf(raw: Record<string, unknown>, def: PolicyTypeDefinition): string {
  for (const key of [def.nameProperty, 'displayName', 'name']) {
    const v = raw[key];
    if (typeof v === 'string' && v) return v;
  }
  return '';
}

/** Compliance: a notification template id of all zeros means "no notification" (rule 15). */
function dropZeroTemplateIds(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropZeroTemplateIds);
  if (!isRecord(node)) return;
  if (node['notificationTemplateId'] === ZERO_GUID) delete node['notificationTemplateId'];
  for (const v of Object.values(node)) dropZeroTemplateIds(v);
}
