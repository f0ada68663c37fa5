/**
 * Normalise + hash + diff on the real exports replicated to 10,000 objects, with 0%, 90% and 100% of them
 * unchanged, against a naive deep comparison of the raw JSON (microdiff) as the reference.
 * "Unchanged" objects are re-reads: new timestamps and versions, arrays in another order, as Graph
 * returns them; "changed" ones also have one real setting changed.
 *
 * Run: node bin/run-ts.js bench/diff.bench.ts   (each measurement runs in its own process, for peak RSS)
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import diff from 'microdiff';
import { decodeJson, diffInventories, normaliseObject } from '../core/drift';
import type { NormalisedObject } from '../core/model';
import { policyTypeOf } from '../core/registry';

type Raw = Record<string, unknown>;
const OBJECTS = 10_000;
const FIXTURES = fileURLToPath(new URL('../tests/fixtures/graph-exports', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const RUNNER = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));

function realObjects(): Raw[] {
  return readdirSync(FIXTURES, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((f) => decodeJson(readFileSync(f), f) as Raw);
}

/** n distinct objects cycling through the real ones (own id and name each). */
function replicate(real: Raw[], n: number): Raw[] {
  return Array.from({ length: n }, (_, i) => {
    const base = structuredClone(real[i % real.length] as Raw);
    const name = base['displayName'] !== undefined ? 'displayName' : 'name';
    return {
      ...base,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      [name]: `${String(base[name])} #${i}`,
    };
  });
}

/** A harmless re-read: new timestamps and versions, every array reversed. */
function reread(raw: Raw): Raw {
  const walk = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(walk).reverse()
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
        : v;
  const out = walk(raw) as Raw;
  for (const k of ['lastModifiedDateTime', 'modifiedDateTime']) if (k in out) out[k] = '2031-01-01T00:00:00Z';
  if (typeof out['version'] === 'number') out['version'] += 1;
  return out;
}

/** A real change: a new top-level setting value (each type has a description property). */
function change(raw: Raw): Raw {
  return { ...raw, description: 'changed by someone in the portal' };
}

interface Figures {
  engine: string;
  unchangedPct: number;
  seconds: number;
  /** CPU time of the process: the wall clock also counts other load on the machine. */
  cpuSeconds: number;
  objectsPerSecond: number;
  mbPerSecond: number;
  peakRssMb: number;
  reportedChanged: number;
}

function child(engine: 'driftwatch' | 'microdiff', unchangedPct: number): Figures {
  const real = realObjects();
  const baselineRaw = replicate(real, OBJECTS);
  const changedEvery =
    unchangedPct === 100 ? Infinity : unchangedPct === 0 ? 1 : Math.round(100 / (100 - unchangedPct));
  const currentRaw = baselineRaw.map((o, i) =>
    Number.isFinite(changedEvery) && i % changedEvery === 0 ? change(reread(o)) : reread(o),
  );
  const bytes = [...baselineRaw, ...currentRaw].reduce((n, o) => n + Buffer.byteLength(JSON.stringify(o)), 0);

  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let reportedChanged: number;
  if (engine === 'driftwatch') {
    const norm = (raws: Raw[]): NormalisedObject[] =>
      raws.map((r) => {
        const def = policyTypeOf(r);
        if (!def) throw new Error('unknown fixture type');
        return normaliseObject(r, def);
      });
    const result = diffInventories(norm(baselineRaw), norm(currentRaw));
    reportedChanged = result.drifts.length;
  } else {
    const byId = new Map(currentRaw.map((o) => [o['id'], o]));
    reportedChanged = 0;
    for (const b of baselineRaw) {
      const c = byId.get(b['id']);
      if (!c || diff(b, c).length > 0) reportedChanged++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    engine,
    unchangedPct,
    seconds,
    cpuSeconds,
    objectsPerSecond: OBJECTS / seconds,
    mbPerSecond: bytes / 1e6 / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    reportedChanged,
  };
}

if (process.argv[2] === '--child') {
  const engine = process.argv[3] === 'microdiff' ? 'microdiff' : 'driftwatch';
  process.stdout.write(JSON.stringify(child(engine, Number(process.argv[4]))));
} else {
  const sizeMb = realObjects().reduce((n, o) => n + Buffer.byteLength(JSON.stringify(o)), 0) / 1e6;
  console.log(
    `diff benchmark: ${OBJECTS} objects per side, replicated from 34 real exports (${sizeMb.toFixed(2)} MB)`,
  );
  console.log('engine      unchanged  seconds  cpu s  objects/s     MB/s  peak RSS MB  reported changed');
  for (const pct of [0, 90, 100]) {
    const rows = (['driftwatch', 'microdiff'] as const).map(
      (engine) =>
        JSON.parse(
          execFileSync(process.execPath, [RUNNER, SELF, '--child', engine, String(pct)], {
            encoding: 'utf8',
          }),
        ) as Figures,
    );
    for (const f of rows)
      console.log(
        `${f.engine.padEnd(11)} ${`${f.unchangedPct}%`.padStart(9)} ${f.seconds.toFixed(2).padStart(8)} ${f.cpuSeconds.toFixed(2).padStart(6)} ${Math.round(f.objectsPerSecond).toString().padStart(10)} ${f.mbPerSecond.toFixed(1).padStart(8)} ${f.peakRssMb.toFixed(0).padStart(12)} ${String(f.reportedChanged).padStart(17)}`,
      );
    const [dw, md] = rows as [Figures, Figures];
    console.log(
      `  ratio driftwatch/microdiff time at ${pct}% unchanged: ${(dw.seconds / md.seconds).toFixed(1)}x wall, ${(dw.cpuSeconds / md.cpuSeconds).toFixed(1)}x CPU\n`,
    );
  }
}
