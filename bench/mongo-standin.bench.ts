// 10,000 insertOne, then 10,000 findOne by _id, through the real driver against the MongoDB stand-in
// (same process, loopback TCP); then the _id lookups (findOne, a 1,000-id $in, updateOne) against the
// same filters wrapped in {$or: [...]}, which select the same documents but take the full mingo scan.
// Run: node bin/run-ts.js bench/mongo-standin.bench.ts [count]
import { MongoClient, ObjectId, type Filter } from 'mongodb';
import { startMongoStandIn } from '../sim/mongo';

const count = Number(process.argv[2] ?? 10_000);

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const rate = (ops: number, ms: number) => {
  const perSecond = (ops / ms) * 1000;
  // Full scans of a large $in run at a few ops/s: keep two decimals there so the ratio stays readable.
  const shown = perSecond < 10 ? perSecond.toFixed(2) : Math.round(perSecond).toLocaleString('en');
  return `${shown} ops/s`;
};

const startedAt = performance.now();
const standIn = await startMongoStandIn();
const client = await new MongoClient(standIn.uri).connect();
const coll = client.db('bench').collection('findings');
await coll.createIndex({ fingerprint: 1 }, { unique: true });
const ready = performance.now() - startedAt;

const ids: ObjectId[] = [];
let t0 = performance.now();
for (let i = 0; i < count; i += 1) {
  const _id = new ObjectId();
  ids.push(_id);
  await coll.insertOne({
    _id,
    fingerprint: `fp-${i}`,
    tenant: `tenant-${i % 50}`,
    severity: 'high',
    paths: ['a.b', 'c'],
  });
}
const insertMs = performance.now() - t0;

t0 = performance.now();
for (const _id of ids) {
  const doc = await coll.findOne({ _id });
  if (!doc) throw new Error(`missing ${_id.toHexString()}`);
}
const findMs = performance.now() - t0;

interface Finding {
  _id: ObjectId;
  fingerprint: string;
  hits?: number;
}
const typed = client.db('bench').collection<Finding>('findings');
const scanned = (filter: Filter<Finding>): Filter<Finding> => ({ $or: [filter] });
const pick = (i: number) => ids[(i * 7919) % ids.length]!;
const inIds = Array.from({ length: 1000 }, (_, i) => pick(i));

/** ops/s of `run(i)` repeated `ops` times, one after another. */
async function opsPerSecond(ops: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < ops; i += 1) await run(i);
  return (ops / (performance.now() - start)) * 1000;
}

const lookups = [
  {
    name: 'findOne by _id',
    ops: [count, 200],
    run: (filter: (f: Filter<Finding>) => Filter<Finding>) => async (i: number) => {
      if (!(await typed.findOne(filter({ _id: pick(i) })))) throw new Error('findOne missed');
    },
  },
  {
    name: `find _id $in 1,000 of ${count.toLocaleString('en')}`,
    ops: [50, 2],
    run: (filter: (f: Filter<Finding>) => Filter<Finding>) => async () => {
      const docs = await typed.find(filter({ _id: { $in: inIds } })).toArray();
      if (docs.length !== inIds.length) throw new Error(`$in found ${docs.length}`);
    },
  },
  {
    name: 'updateOne by _id',
    ops: [count, 200],
    run: (filter: (f: Filter<Finding>) => Filter<Finding>) => async (i: number) => {
      const { matchedCount } = await typed.updateOne(filter({ _id: pick(i) }), { $inc: { hits: 1 } });
      if (matchedCount !== 1) throw new Error('updateOne missed');
    },
  },
] as const;

const compared: string[] = [];
for (const { name, ops, run } of lookups) {
  const indexed = await opsPerSecond(
    ops[0],
    run((f) => f),
  );
  const scan = await opsPerSecond(ops[1], run(scanned));
  compared.push(
    `  ${name.padEnd(30)} ${rate(indexed, 1000).padStart(14)}  full scan ${rate(scan, 1000).padStart(12)}  ×${(indexed / scan).toFixed(0)}`,
  );
}

await client.close();
await standIn.close();
// maxRSS is the kernel's high-water mark (KiB): a true peak, with no sampling cost during the run.
const peakRss = process.resourceUsage().maxRSS * 1024;

console.log(
  `MongoDB stand-in, ${count.toLocaleString('en')} documents, driver over loopback TCP, one process`,
);
console.log(`  start + connect:      ${ready.toFixed(0)} ms`);
console.log(
  `  insertOne (unique ix): ${rate(count, insertMs)}  (${((insertMs * 1000) / count).toFixed(0)} µs/op, ${insertMs.toFixed(0)} ms)`,
);
console.log(
  `  findOne by _id:        ${rate(count, findMs)}  (${((findMs * 1000) / count).toFixed(0)} µs/op, ${findMs.toFixed(0)} ms)`,
);
console.log('  _id lookups (indexed vs the same documents through {$or: [...]}, a full scan):');
for (const line of compared) console.log(line);
console.log(`  peak RSS:              ${mib(peakRss)}`);
