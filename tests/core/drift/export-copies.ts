import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJson } from '../../../core/drift';

/** The real exports copied into the project (see tests/fixtures/graph-exports/SOURCES.md). */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/graph-exports', import.meta.url));

export type Raw = Record<string, unknown>;
export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom';

/** Return a new object, `undefined` to drop the file, or `'keep'` for an untouched byte copy. */
export type Transform = (raw: Raw, file: string) => Raw | undefined | 'keep';

const made: string[] = [];

/** A temporary folder, removed by `removeCopies()`. */
export async function tempDir(prefix = 'driftwatch-export-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function removeCopies(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Copy the real exports through `transform`, writing each file in `encoding` (CRLF for UTF-16, as real exports). */
export async function copyExport(
  transform: Transform = () => 'keep',
  encoding: Encoding = 'utf8',
): Promise<string> {
  const out = await tempDir();
  for (const file of await jsonFiles(FIXTURES)) {
    const rel = relative(FIXTURES, file);
    const buf = await readFile(file);
    const result = transform(decodeJson(buf, file) as Raw, rel);
    if (result === undefined) continue;
    await mkdir(dirname(join(out, rel)), { recursive: true });
    if (result === 'keep') await writeFile(join(out, rel), buf);
    else await writeFile(join(out, rel), encode(JSON.stringify(result, null, 2), encoding));
  }
  return out;
}

export async function writeJson(
  dir: string,
  rel: string,
  value: unknown,
  encoding: Encoding = 'utf8',
): Promise<void> {
  await mkdir(dirname(join(dir, rel)), { recursive: true });
  await writeFile(join(dir, rel), encode(JSON.stringify(value, null, 2), encoding));
}

export function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf8-bom')
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]);
}

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Deep map over a JSON value: `fn` sees every object after its children were mapped. */
export function mapObjects(value: unknown, fn: (obj: Raw) => Raw): unknown {
  if (Array.isArray(value)) return value.map((v) => mapObjects(v, fn));
  if (value === null || typeof value !== 'object') return value;
  const out: Raw = {};
  for (const [k, v] of Object.entries(value)) out[k] = mapObjects(v, fn);
  return fn(out);
}

export function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
}

export function byName(name: string): (file: string) => boolean {
  return (file) => file.includes(name);
}
