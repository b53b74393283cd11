/** Fresh loaders for every GraphQL request: DataLoader memoises per request, it is not a cache. */
import pLimit from 'p-limit';
import type { DixaApi } from '../dixa/api.ts';
import { catalogLoaders } from './catalog.ts';
import { contactLoaders, teamLoaders, userLoaders } from './directory.ts';
import { ticketLoaders } from './tickets.ts';

export interface LoaderOptions {
  /** Dixa calls one request may have in flight for per-id endpoints. */
  concurrency: number;
}

export function createLoaders(dixa: DixaApi, options: LoaderOptions = { concurrency: 8 }) {
  const limit = pLimit(options.concurrency);
  const catalog = catalogLoaders(dixa);
  return {
    ...catalog,
    ...ticketLoaders(dixa, limit, catalog.primeTags),
    ...contactLoaders(dixa, limit),
    ...userLoaders(dixa, limit),
    ...teamLoaders(dixa, limit),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
