import type { ProvidedTool, ToolProvider } from '@llama-stack-ts/api-types';
import { raceAbort } from '../turn/abort.js';

/** A tool as one provider lists it. */
export interface ListedTool {
  provider: ToolProvider;
  tool: ProvidedTool;
}

export interface ToolListing {
  tools: readonly ListedTool[];
  /** Listed for this call (not a kept listing): nothing fresher is to be had. */
  fresh: boolean;
}

export interface ToolCatalogOptions {
  /** How long a listing is reused; 0 lists on every call, as Llama Stack does per turn. */
  ttlMs: number;
  /** Clock in milliseconds. */
  now?: () => number;
}

/**
 * Every provider's tools, listed once and reused for `ttlMs` instead of on every turn. Concurrent callers
 * share one listing in flight; each stops waiting when its own signal aborts. A failed listing is not
 * kept. Callers that miss a tool in a kept listing ask for a fresh one (`{ fresh: true }`), so a tool a
 * provider adds is found at once; a tool it removes may still be offered until the listing expires (its
 * call then fails as the provider answers it) or until `forget()`.
 */
export class ToolCatalog {
  readonly #providers: readonly ToolProvider[];
  readonly #ttlMs: number;
  readonly #now: () => number;
  #kept: { tools: Promise<ListedTool[]>; expiresAt: number } | undefined;

  constructor(providers: readonly ToolProvider[], options: ToolCatalogOptions) {
    this.#providers = providers;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  async list(options: { signal: AbortSignal; fresh?: boolean }): Promise<ToolListing> {
    const kept = this.#kept;
    if (!options.fresh && kept && kept.expiresAt > this.#now()) {
      return { tools: await raceAbort(kept.tools, options.signal), fresh: false };
    }
    if (this.#ttlMs <= 0) {
      return { tools: await raceAbort(this.#listAll(options.signal), options.signal), fresh: true };
    }
    // Shared by every caller until it expires, so it must not end with the first caller's signal.
    const tools = this.#listAll(new AbortController().signal);
    const entry = { tools, expiresAt: this.#now() + this.#ttlMs };
    this.#kept = entry;
    tools.catch(() => {
      if (this.#kept === entry) this.#kept = undefined;
    });
    return { tools: await raceAbort(tools, options.signal), fresh: true };
  }

  /** Drops the kept listing: the next call lists every provider again. */
  forget(): void {
    this.#kept = undefined;
  }

  async #listAll(signal: AbortSignal): Promise<ListedTool[]> {
    const listed = await Promise.all(
      this.#providers.map(async (provider) =>
        (await provider.listTools({ signal })).map((tool) => ({ provider, tool })),
      ),
    );
    return listed.flat();
  }
}
