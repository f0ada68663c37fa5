import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { NormalisedObject } from '../model';
import { getPolicyType, policyTypeOf } from '../registry';
import { isRecord } from './canonical';
import { decodeJson, ExportFileError } from './decode';
import { normaliseObject } from './normalise';

/** A file that holds no object Driftwatch knows; not an error. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface LoadedExport {
  objects: NormalisedObject[];
  skipped: SkippedFile[];
  /** Parsed `scan.json` (scan metadata, not an object), when the folder has one at its root. */
  scan?: unknown;
}

export interface LoadExportOptions {
  /** Only these registry keys; other known types are skipped. */
  types?: ReadonlySet<string>;
}

/**
 * Read every `*.json` below `dir` (sorted, so results are stable) into normalised objects. The type comes
 * from @odata.type / @odata.context, else from a parent folder named by a registry key (the layout
 * `driftwatch scan` writes); unknown types are skipped. Throws ExportFileError naming the file
 * when the folder is unreadable or a file is not JSON.
 */
export async function loadExport(dir: string, options: LoadExportOptions = {}): Promise<LoadedExport> {
  const files = await listJsonFiles(dir);
  const objects: NormalisedObject[] = [];
  const skipped: SkippedFile[] = [];
  let scan: unknown;
  for (const file of files) {
    const name = relative(dir, file) || basename(file);
    const buf = await readFile(file).catch((err: unknown) => {
      throw new ExportFileError(file, `cannot be read (${errorText(err)})`);
    });
    const raw = decodeJson(buf, file);
    if (basename(file).toLowerCase() === 'scan.json') {
      if (name.toLowerCase() === 'scan.json') scan = raw;
      continue;
    }
    // `driftwatch scan` writes `<policyType>/<id>.json`; list items often carry no @odata.type.
    const def = policyTypeOf(raw) ?? (isRecord(raw) ? getPolicyType(basename(dirname(file))) : undefined);
    if (!def) {
      skipped.push({ file: name, reason: 'unknown policy type' });
      continue;
    }
    if (options.types && !options.types.has(def.key)) {
      skipped.push({ file: name, reason: `type ${def.key} not selected` });
      continue;
    }
    objects.push(normaliseObject(raw, def));
  }
  return { objects, skipped, scan };
}

async function listJsonFiles(dir: string): Promise<string[]> {
  const info = await stat(dir).catch((err: unknown) => {
    throw new ExportFileError(dir, `cannot be read (${errorText(err)})`);
  });
  if (!info.isDirectory()) throw new ExportFileError(dir, 'is not a folder');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((err: unknown) => {
    throw new ExportFileError(dir, `cannot be read (${errorText(err)})`);
  });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function errorText(err: unknown): string {
  return err instanceof Error && 'code' in err
    ? String(err.code)
    : err instanceof Error
      ? err.message
      : String(err);
}
