import type { Severity } from '../model';

/** A per-object read merged into the object under `property` (settings, definitionValues, …). */
export interface FollowUp {
  property: string;
  /** Path relative to the API version root, e.g. `/deviceManagement/configurationPolicies/{id}/settings`. */
  path: (id: string) => string;
  /** The answer is a collection that pages via `@odata.nextLink`. */
  paged?: boolean;
  /** For nested follow-ups (presentationValues per definitionValue): read per item of `property`. */
  perItem?: FollowUp;
}

/** An array inside the object that is a set: its items are sorted by `by` (dotted paths) and named by `label`. */
export interface KeyedArray {
  /** Dotted path of the array from the object root; `*` matches every key of an object level. */
  path: string;
  /** Dotted paths inside each item whose values, joined, identify the item in change paths. */
  keys: string[];
}

/** How one type is normalised beyond the rules every type gets (graph-reading.md §5). */
export interface NormaliseOptions {
  /** Extra top-level properties that are server-managed for this type. */
  ignore?: string[];
  /** Dotted paths of string arrays compared as sets (sorted). */
  sets?: string[];
  /** Dotted paths of comma-separated flag enums (`"mdm,microsoftSense"`): split, sort, re-join. */
  flagEnums?: string[];
  /** Dotted paths of ISO 8601 durations, compared in seconds. */
  durations?: string[];
  /** Arrays of objects compared as keyed sets, e.g. omaSettings by omaUri. */
  keyedArrays?: KeyedArray[];
  /** Where an empty list differs from "not configured" (rule 9's allow-list): kept as `[]`. */
  emptyListMeaningful?: string[];
}

/** A row of the severity table for this type (core/drift/severity.ts puts these before the generic rows). */
export interface SeverityHint {
  /** Glob over change paths (`*` one segment, `**` any depth); omitted = the whole object. */
  path?: string;
  kind?: 'modified' | 'missing' | 'added';
  /** What happened to the property: `removed` assignments narrow a policy, `added` ones widen it. */
  change?: 'added' | 'removed' | 'changed';
  /** Matches only when the current value equals this (e.g. CA `state` → `disabled`). */
  to?: unknown;
  severity: Severity;
  why: string;
}

/**
 * One kind of configuration object: the Graph contract for reading it (endpoint, version, expands,
 * follow-ups, permission) and how it is identified, normalised, and how severe its changes are.
 */
export interface PolicyTypeDefinition {
  key: string;
  label: string;
  api: 'beta' | 'v1.0';
  /** List path relative to the version root. */
  path: string;
  /** `$expand` for the list call. */
  expand?: string[];
  /** Per-object reads merged into the object (the Graph reader performs them). */
  followUps?: FollowUp[];
  /** Truncation guard: the read is incomplete when `collection.length !== countProperty`. */
  completeness?: { collection: string; countProperty: string };
  /** `@odata.type` values (without `#`, e.g. `microsoft.graph.conditionalAccessPolicy`) of this type. */
  odataTypes: string[];
  /** `@odata.context` entity-set paths (after `$metadata#`, up to the first `(` or `/$entity`). */
  contextPaths: string[];
  /** Client-side filter when a shared endpoint holds several registry types. */
  listFilter?: (raw: Record<string, unknown>) => boolean;
  /** Least-privileged Graph application permission. */
  permission: string;
  /** One request at a time (Conditional Access: 1 request/s per tenant). */
  serial?: boolean;
  /** Property that names the object (`displayName`, or `name` for the settings catalog). */
  nameProperty: 'displayName' | 'name';
  /** Dotted paths of secret or write-only values: compared by presence, never shown. */
  secretPaths: string[];
  normalise: NormaliseOptions;
  severityHints: SeverityHint[];
}
