export { MIGRATION_LOCK_KEY, migratePostgres, POSTGRES_SCHEMA_VERSION } from './migrations.js';
export type { PostgresConnectionOptions } from './pool.js';
export { PostgresAgentStore, type PostgresStoreOptions } from './postgres-agent-store.js';
export { PostgresFileStore } from './postgres-file-store.js';
export { openPostgresStorage, type PostgresStorage } from './open-postgres-storage.js';
