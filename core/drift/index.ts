export { canonicalJson, contentHash } from './canonical';
export { decodeJson, decodeText, ExportFileError } from './decode';
export {
  diffInventories,
  diffObjects,
  type DiffOptions,
  type DiffResult,
  type IgnoreRule,
} from './diff-inventories';
export { diffValues } from './diff-values';
export { ITEM_KEY } from './keyed';
export { loadExport, type LoadedExport, type LoadExportOptions, type SkippedFile } from './load-export';
export { normaliseBody, normaliseObject } from './normalise';
export { SECRET } from './normalise-collections';
export { compilePathPattern, matchesPath } from './path-pattern';
export { formatDiffText, toDiffReport, type DiffReport } from './report';
export {
  changeKindOf,
  DEFAULT_SEVERITY_RULES,
  parseSeverityRules,
  severityOf,
  severityOfChange,
  type ChangeKind,
  type SeverityRule,
} from './severity';
