import { CancelledError, type ProvidedTool, type ToolProvider } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { ToolCatalog } from './tool-catalog.js';

/** A provider whose tools a test changes, counting how often it was asked for them. */
function changingProvider(names: string[], options: { wait?: Promise<void>; fail?: () => boolean } = {}) {
  const provider = {
    id: 'changing',
    listings: 0,
    names,
    async listTools(): Promise<ProvidedTool[]> {
      provider.listings += 1;
      await options.wait;
      if (options.fail?.()) throw new Error('tool server unreachable');
      return provider.names.map((name) => ({ name, toolgroup_id: 'test::group', description: name }));
    },
    async invoke() {
      return { content: 'ok' };
    },
  } satisfies ToolProvider & { listings: number; names: string[] };
  return provider;
}

const quiet = () => new AbortController().signal;
const namesOf = (listing: { tools: readonly { tool: ProvidedTool }[] }) =>
  listing.tools.map((t) => t.tool.name);

describe('ToolCatalog', () => {
  it('lists the providers once and reuses the listing until it expires', async () => {
    let now = 1_000;
    const provider = changingProvider(['a']);
    const catalog = new ToolCatalog([provider], { ttlMs: 5_000, now: () => now });
    expect(await catalog.list({ signal: quiet() })).toMatchObject({ fresh: true });
    provider.names = ['a', 'b'];
    const kept = await catalog.list({ signal: quiet() });
    expect(kept.fresh).toBe(false);
    expect(namesOf(kept)).toEqual(['a']);
    expect(provider.listings).toBe(1);
    now += 5_000;
    expect(namesOf(await catalog.list({ signal: quiet() }))).toEqual(['a', 'b']);
    expect(provider.listings).toBe(2);
  });

  it('lists again when asked for a fresh listing, after forget(), and on every call with ttl 0', async () => {
    const provider = changingProvider(['a']);
    const catalog = new ToolCatalog([provider], { ttlMs: 5_000 });
    await catalog.list({ signal: quiet() });
    provider.names = ['b'];
    expect(namesOf(await catalog.list({ signal: quiet(), fresh: true }))).toEqual(['b']);
    provider.names = ['c'];
    catalog.forget();
    expect(namesOf(await catalog.list({ signal: quiet() }))).toEqual(['c']);
    const uncached = new ToolCatalog([provider], { ttlMs: 0 });
    await uncached.list({ signal: quiet() });
    await uncached.list({ signal: quiet() });
    expect(provider.listings).toBe(5);
  });

  it('shares one listing in flight; a caller that aborts stops waiting without failing the others', async () => {
    let release = () => {};
    const wait = new Promise<void>((resolve) => {
      release = resolve;
    });
    const provider = changingProvider(['a'], { wait });
    const catalog = new ToolCatalog([provider], { ttlMs: 5_000 });
    const impatient = new AbortController();
    const first = catalog.list({ signal: impatient.signal });
    const second = catalog.list({ signal: quiet() });
    impatient.abort(new Error('client went away'));
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    release();
    expect(namesOf(await second)).toEqual(['a']);
    expect(provider.listings).toBe(1);
  });

  it('does not keep a listing that failed', async () => {
    let failing = true;
    const provider = changingProvider(['a'], { fail: () => failing });
    const catalog = new ToolCatalog([provider], { ttlMs: 5_000 });
    await expect(catalog.list({ signal: quiet() })).rejects.toThrow('tool server unreachable');
    failing = false;
    expect(namesOf(await catalog.list({ signal: quiet() }))).toEqual(['a']);
  });
});
