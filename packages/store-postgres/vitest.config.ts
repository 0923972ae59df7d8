import { mergeConfig } from 'vitest/config';
import { packageTestConfig } from '../../vitest.shared.js';

// One throwaway PostgreSQL cluster for the whole run (unless DATABASE_URL is set); each test file makes its database.
export default mergeConfig(packageTestConfig(), { test: { globalSetup: ['./vitest.global-setup.ts'] } });
