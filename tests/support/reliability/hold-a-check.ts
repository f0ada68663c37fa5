// A replica in its own process running a real check (Graph client over HTTPS, driver over TCP) that the
// killed-holder test SIGKILLs mid-read. Arguments: mongo uri, database, tenant id, Graph base URL, secret.
import { MongoClient } from 'mongodb';
import { loadConfig } from '../../../bot/config';
import { createChecks, loggingNotifier } from '../../../bot/start-checks';
import { silentLogger } from '../../../core/logger';
import { ensureIndexes } from '../../../core/storage/mongo/ensure-indexes';

const [uri, dbName, tenantId, graphUrl, secret, clientId] = process.argv.slice(2);
if (!uri || !dbName || !tenantId || !graphUrl || !secret || !clientId)
  throw new Error('usage: hold-a-check <mongo uri> <db> <tenant id> <graph url> <secret> <client id>');

const client = await MongoClient.connect(uri);
const db = client.db(dbName);
await ensureIndexes(db);
const config = loadConfig({
  GRAPH_CLIENT_ID: clientId,
  GRAPH_CLIENT_SECRET: secret,
  GRAPH_BASE_URL: graphUrl,
  GRAPH_AUTHORITY_HOST: graphUrl,
});
const checks = createChecks({
  config,
  db,
  logger: silentLogger,
  notifier: loggingNotifier(silentLogger),
  holder: 'replica-doomed',
});
void checks.runner.run(tenantId, {
  trigger: 'schedule',
  onStarted: (run) => process.stdout.write(`started ${run.id}\n`),
  onProgress: (e) => {
    if (e.status !== 'started') process.stdout.write(`read ${e.policyType}\n`);
  },
});
