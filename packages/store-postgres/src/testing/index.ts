export {
  PostgresUnavailableError,
  setupSharedPostgres,
  type StartTestPostgresOptions,
  startTestPostgres,
  startTestPostgresOrSkip,
  type TestPostgres,
} from './start-postgres.js';
