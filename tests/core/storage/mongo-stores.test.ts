import { createMongoStores } from '../../../core/storage/mongo/create-mongo-stores';
import { ensureLifecycleIndexes } from '../../../core/storage/mongo/lifecycle-indexes';
import { useTestDatabase } from '../../support/mongo';
import { baselineStoreContract } from './contracts/baseline-store.contract';
import { findingStoreContract } from './contracts/finding-store.contract';
import { smallStoresContract } from './contracts/small-stores.contract';

const database = useTestDatabase();

// Each test starts from an empty database with every index in place, through the real driver over TCP.
async function makeStores() {
  await database.db.dropDatabase();
  await ensureLifecycleIndexes(database.db);
  return createMongoStores(database.db);
}

findingStoreContract(makeStores);
baselineStoreContract(makeStores);
smallStoresContract(makeStores);
