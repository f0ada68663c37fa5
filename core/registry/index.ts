import { ENTRA_TYPES } from './entra-types';
import { INTUNE_TYPES } from './intune-types';
import type { PolicyTypeDefinition } from './policy-type';

export type {
  FollowUp,
  KeyedArray,
  NormaliseOptions,
  PolicyTypeDefinition,
  SeverityHint,
} from './policy-type';

/** Every policy type Driftwatch reads: the Graph contract. Order matters for `policyTypeOf`. */
export const POLICY_TYPES: readonly PolicyTypeDefinition[] = [...INTUNE_TYPES, ...ENTRA_TYPES];

const byKey = new Map(POLICY_TYPES.map((d) => [d.key, d]));
const byOdataType = new Map<string, PolicyTypeDefinition>();
for (const def of POLICY_TYPES) {
  for (const t of def.odataTypes) if (!byOdataType.has(bareType(t))) byOdataType.set(bareType(t), def);
}

export function getPolicyType(key: string): PolicyTypeDefinition | undefined {
  return byKey.get(key);
}

/** The registry keys, for `--types` validation and help text. */
export function policyTypeKeys(): string[] {
  return POLICY_TYPES.map((d) => d.key);
}

/**
 * The policy type of a raw Graph object: by its `@odata.type`, else by its `@odata.context` entity set
 * (then the type's `listFilter` decides on shared endpoints), else a settings-catalog shape (portal
 * exports without annotations). Undefined when unknown.
 */
export function policyTypeOf(raw: unknown): PolicyTypeDefinition | undefined {
  if (!isRecord(raw)) return undefined;
  const odataType = raw['@odata.type'];
  if (typeof odataType === 'string') {
    const def = byOdataType.get(bareType(odataType));
    if (def) return def;
  }
  const context = raw['@odata.context'];
  if (typeof context === 'string') {
    const set = entitySetOf(context);
    const def = POLICY_TYPES.find(
      (d) => d.contextPaths.includes(set) && (!d.listFilter || d.listFilter(raw)),
    );
    if (def) return def;
  }
  return looksLikeSettingsCatalog(raw) ? byKey.get('settingsCatalog') : undefined;
}

/** `https://…/beta/$metadata#deviceManagement/configurationPolicies(assignments())/$entity` → entity set path. */
export function entitySetOf(context: string): string {
  const afterHash = context.includes('#') ? context.slice(context.indexOf('#') + 1) : context;
  return afterHash
    .replace(/\/\$entity$/, '')
    .replace(/\(.*$/, '')
    .replace(/\/microsoft\.graph\.[A-Za-z0-9]+$/, '');
}

/** `#microsoft.graph.X`, `microsoft.graph.X` and `X` name the same type. */
export function bareType(odataType: string): string {
  return odataType.replace(/^#/, '').replace(/^microsoft\.graph\./, '');
}

function looksLikeSettingsCatalog(raw: Record<string, unknown>): boolean {
  const settings = raw['settings'];
  return (
    typeof raw['name'] === 'string' &&
    typeof raw['platforms'] === 'string' &&
    Array.isArray(settings) &&
    settings.length > 0 &&
    settings.every((s) => isRecord(s) && isRecord(s['settingInstance']))
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
