import type {
  runAgentStoreConformance as RunAgentStoreConformance,
  runFileStoreConformance as RunFileStoreConformance,
} from './store-conformance.js';

function isMissingVitest(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    error instanceof Error &&
    error.message.includes('vitest')
  );
}

export interface StoreConformanceSuites {
  runAgentStoreConformance: typeof RunAgentStoreConformance;
  runFileStoreConformance: typeof RunFileStoreConformance;
}

function needsVitest(name: string): () => never {
  return () => {
    throw new Error(`${name} is a vitest suite: install vitest (npm i -D vitest) to run it`);
  };
}

/**
 * The conformance suites are written with vitest, an optional peer dependency. The scripted providers and
 * helpers of this entry point work without it (jest, node:test, plain scripts); only the suites need it.
 */
export async function loadStoreConformance(): Promise<StoreConformanceSuites> {
  try {
    const suites = await import('./store-conformance.js');
    return {
      runAgentStoreConformance: suites.runAgentStoreConformance,
      runFileStoreConformance: suites.runFileStoreConformance,
    };
  } catch (error) {
    if (!isMissingVitest(error)) throw error;
    return {
      runAgentStoreConformance: needsVitest('runAgentStoreConformance'),
      runFileStoreConformance: needsVitest('runFileStoreConformance'),
    };
  }
}
