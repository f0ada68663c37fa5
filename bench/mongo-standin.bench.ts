// 10,000 insertOne, then 10,000 findOne by _id, through the real driver against the MongoDB stand-in
// (same process, loopback TCP). Run: node bin/run-ts.js bench/mongo-standin.bench.ts [count]
import { MongoClient, ObjectId } from 'mongodb';
import { startMongoStandIn } from '../sim/mongo';

const count = Number(process.argv[2] ?? 10_000);

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const rate = (ops: number, ms: number) => `${Math.round((ops / ms) * 1000).toLocaleString('en')} ops/s`;

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
console.log(`  peak RSS:              ${mib(peakRss)}`);
