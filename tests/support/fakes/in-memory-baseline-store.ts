import type { Baseline } from '../../../core/baselines/baseline';
import type {
  BaselineStore,
  BaselineVersionInfo,
  SaveBaselineResult,
} from '../../../core/baselines/baseline-store';

export class InMemoryBaselineStore implements BaselineStore {
  private readonly baselines = new Map<string, Baseline[]>();

  async current(tenantId: string): Promise<Baseline | undefined> {
    const versions = this.baselines.get(tenantId) ?? [];
    const newest = versions.reduce<Baseline | undefined>(
      (a, b) => (a && a.version > b.version ? a : b),
      undefined,
    );
    return newest && structuredClone(newest);
  }

  async get(tenantId: string, version: number): Promise<Baseline | undefined> {
    const found = (this.baselines.get(tenantId) ?? []).find((b) => b.version === version);
    return found && structuredClone(found);
  }

  async versions(tenantId: string): Promise<BaselineVersionInfo[]> {
    return (this.baselines.get(tenantId) ?? [])
      .map((b) => ({
        version: b.version,
        createdAt: b.createdAt,
        createdBy: b.createdBy,
        source: b.source,
        note: b.note,
        objects: b.objects.length,
      }))
      .sort((a, b) => b.version - a.version);
  }

  async save(baseline: Baseline): Promise<SaveBaselineResult> {
    const versions = this.baselines.get(baseline.tenantId) ?? [];
    if (versions.some((b) => b.version === baseline.version)) {
      return {
        ok: false,
        reason: 'version-taken',
        message: `Baseline version ${baseline.version} was saved by someone else first.`,
        current: await this.current(baseline.tenantId),
      };
    }
    this.baselines.set(baseline.tenantId, [...versions, structuredClone(baseline)]);
    return { ok: true };
  }
}
