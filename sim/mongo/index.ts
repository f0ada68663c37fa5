export { startMongoStandIn, type MongoStandIn, type MongoStandInOptions } from './server';
