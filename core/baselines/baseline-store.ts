import type { Baseline } from './baseline';

export type SaveBaselineResult =
  | { ok: true }
  /** Someone saved this version number first: rebuild on top of `current` and save again. */
  | { ok: false; reason: 'version-taken'; message: string; current: Baseline | undefined };

export interface BaselineVersionInfo {
  version: number;
  createdAt: string;
  createdBy: Baseline['createdBy'];
  source: Baseline['source'];
  note: string;
  objects: number;
}

/** Immutable, versioned baselines. Saving never overwrites: each version number is taken once. */
export interface BaselineStore {
  current(tenantId: string): Promise<Baseline | undefined>;
  get(tenantId: string, version: number): Promise<Baseline | undefined>;
  /** Newest first, without the objects. */
  versions(tenantId: string): Promise<BaselineVersionInfo[]>;
  save(baseline: Baseline): Promise<SaveBaselineResult>;
}
