import { createInMemoryStores } from '../../support/fakes/in-memory-stores';
import { baselineStoreContract } from './contracts/baseline-store.contract';
import { findingStoreContract } from './contracts/finding-store.contract';
import { smallStoresContract } from './contracts/small-stores.contract';

// The fakes used by unit and turn tests must behave as the MongoDB stores do.
const makeStores = async () => createInMemoryStores();

findingStoreContract(makeStores);
baselineStoreContract(makeStores);
smallStoresContract(makeStores);
