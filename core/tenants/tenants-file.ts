import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { Tenant } from '../model';
import { parseTenant } from './tenant-input';

/**
 * DRIFTWATCH_TENANTS_FILE: tenants kept in git, registered at start. JSON or YAML (YAML is a superset
 * of JSON, so one parser reads both). Any problem stops the start with the entry and field named.
 */

export class TenantsFileError extends Error {
  readonly code = 'tenants-file.invalid' as const;
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `The tenants file ${file} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'TenantsFileError';
  }
}

/** Parses the text of a tenants file; throws TenantsFileError naming each bad entry and field. */
export function parseTenantsFile(text: string, file: string): Tenant[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new TenantsFileError(file, [
      `not valid JSON or YAML: ${err instanceof Error ? err.message : String(err)}`,
    ]);
  }
  if (!isRecord(doc) || !Array.isArray(doc['tenants'])) {
    throw new TenantsFileError(file, [
      'expected an object with a "tenants" list: {"tenants":[{"id":"…","name":"…"}]}',
    ]);
  }
  const problems: string[] = [];
  const tenants: Tenant[] = [];
  doc['tenants'].forEach((entry: unknown, i: number) => {
    const where = `tenants[${i}]${isRecord(entry) && typeof entry['name'] === 'string' ? ` ("${entry['name']}")` : ''}`;
    const parsed = parseTenant(entry);
    if (!parsed.ok) {
      for (const p of parsed.problems) problems.push(`${where}, field "${p.field}": ${p.message}`);
      return;
    }
    tenants.push(parsed.tenant);
  });
  problems.push(...duplicateProblems(tenants));
  if (problems.length > 0) throw new TenantsFileError(file, problems);
  return tenants;
}

/** Reads and parses a tenants file from disk. */
export async function loadTenantsFile(path: string): Promise<Tenant[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(err);
    throw new TenantsFileError(path, [reason]);
  }
  return parseTenantsFile(text, path);
}

/** Ids, names and aliases must each name one tenant, since chat and CLI resolve by any of them. */
export function duplicateProblems(tenants: readonly Tenant[]): string[] {
  const problems: string[] = [];
  const ids = new Map<string, number>();
  const words = new Map<string, number>();
  tenants.forEach((t, i) => {
    const seenId = ids.get(t.id);
    if (seenId !== undefined)
      problems.push(`tenants[${i}] ("${t.name}"), field "id": same id as tenants[${seenId}]`);
    ids.set(t.id, i);
    for (const [field, word] of [['name', t.name], ...t.aliases.map((a) => ['aliases', a])] as const) {
      const key = word.toLowerCase();
      const seen = words.get(key);
      if (seen !== undefined && seen !== i)
        problems.push(
          `tenants[${i}] ("${t.name}"), field "${field}": "${word}" already names tenants[${seen}]`,
        );
      words.set(key, i);
    }
  });
  return problems;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
