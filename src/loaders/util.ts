/** Building blocks shared by the loader factories. */
import DataLoader from 'dataloader';
import type { LimitFunction } from 'p-limit';
import type { Page } from '../dixa/api.ts';
import { DixaHttpError } from '../dixa/errors.ts';
import { paginate } from '../dixa/paginate.ts';

/** Runs `fn`; a Dixa 404 becomes null (the entity does not exist), other failures propagate. */
export async function orNull<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DixaHttpError && error.status === 404) return null;
    throw error;
  }
}

/** DataLoader batch results: a failed key gets its Error, the others still resolve. */
export async function settle<K, V>(keys: readonly K[], load: (key: K) => Promise<V>): Promise<Array<V | Error>> {
  const results = await Promise.allSettled(keys.map(load));
  return results.map((r) =>
    r.status === 'fulfilled' ? r.value : r.reason instanceof Error ? r.reason : new Error(String(r.reason)),
  );
}

/**
 * For endpoints that take one key (Dixa has no batch reads): batching them would only make every
 * key of a tick wait for the slowest call. Each key resolves as its own answer lands; DataLoader
 * still dedupes and memoises, and a failure stays cached (settle) so it is never fetched twice.
 */
export function perKeyLoader<K, V>(name: string, fetch: (key: K) => Promise<V>, cacheKeyFn?: (key: K) => K) {
  return new DataLoader<K, V>((keys) => settle(keys, fetch), { name, batch: false, ...(cacheKeyFn ? { cacheKeyFn } : {}) });
}

/** A loader for an endpoint with only get-by-id: one call per distinct id, at most `limit` in flight. */
export function byIdLoader<V>(name: string, limit: LimitFunction, fetch: (id: string) => Promise<V | null>) {
  return perKeyLoader<string, V | null>(name, (id) => limit(() => fetch(id)));
}

/** A per-request memo of a whole collection (teams, queues, tags, agents): fetched at most once. */
export function once<T>(fetch: () => Promise<T>): { get(): Promise<T>; reset(): void; readonly started: boolean } {
  let promise: Promise<T> | undefined;
  return {
    get: () => (promise ??= fetch()),
    /** After a write: the next `get` fetches again. */
    reset: () => {
      promise = undefined;
    },
    get started() {
      return promise !== undefined;
    },
  };
}

/** By-id lookups answered from a whole collection (`all`), which is fetched once. */
export function indexLoader<T extends { id: string }>(name: string, all: () => Promise<T[]>) {
  return new DataLoader<string, T | null>(
    async (ids) => {
      const byId = new Map((await all()).map((item) => [item.id, item]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    { name },
  );
}

/** Every item of a paginated endpoint, page after page. */
export async function collectAll<T>(fetchPage: (pageKey: string | null, pageLimit: number) => Promise<Page<T>>, pageLimit: number) {
  const all: T[] = [];
  for await (const page of paginate((req) => fetchPage(req.pageKey ?? null, req.pageLimit ?? pageLimit), { pageLimit })) {
    all.push(...page.items);
  }
  return all;
}

/**
 * Memoises Dixa page requests within a request, keyed by their full identity, so two fields that
 * need the same page share one call. `prime` seeds the by-id loaders from the page's items.
 */
export function pageLoader<A, T>(
  name: string,
  fetch: (args: A, pageKey: string | null, pageLimit: number) => Promise<Page<T>>,
  prime: (items: T[]) => void,
) {
  const loader = perKeyLoader<string, Page<T>>(name, async (key) => {
    const { args, pageKey, pageLimit } = JSON.parse(key) as { args: A; pageKey: string | null; pageLimit: number };
    const page = await fetch(args, pageKey, pageLimit);
    prime(page.items);
    return page;
  });
  const load = (args: A, pageKey: string | null, pageLimit: number) => loader.load(JSON.stringify({ args, pageKey, pageLimit }));
  return Object.assign(load, { clearAll: () => void loader.clearAll() });
}
