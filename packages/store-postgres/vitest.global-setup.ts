export { setupSharedPostgres as default } from './src/testing/start-postgres.js';
