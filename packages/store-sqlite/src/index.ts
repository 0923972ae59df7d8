export { type OpenSqliteOptions, openSqliteDatabase, type SqliteDatabase } from './open-database.js';
export { migrateSqlite, SQLITE_SCHEMA_VERSION } from './migrations.js';
export { SqliteAgentStore, type SqliteStoreOptions } from './sqlite-agent-store.js';
export { SqliteFileStore } from './sqlite-file-store.js';
export { openSqliteStorage, type SqliteStorage } from './open-sqlite-storage.js';
