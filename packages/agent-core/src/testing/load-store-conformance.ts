import type { runAgentStoreConformance as RunAgentStoreConformance } from './store-conformance.js';

function isMissingVitest(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    error instanceof Error &&
    error.message.includes('vitest')
  );
}

/**
 * The conformance suite is written with vitest, an optional peer dependency. The scripted providers and
 * helpers of this entry point work without it (jest, node:test, plain scripts); only the suite needs it.
 */
export async function loadStoreConformance(): Promise<typeof RunAgentStoreConformance> {
  try {
    return (await import('./store-conformance.js')).runAgentStoreConformance;
  } catch (error) {
    if (!isMissingVitest(error)) throw error;
    return () => {
      throw new Error(
        'runAgentStoreConformance is a vitest suite: install vitest (npm i -D vitest) to run it',
      );
    };
  }
}
