/** The per-request context: the account's Dixa client and fresh DataLoaders. */
import type { DixaApi } from './dixa/api.ts';
import { createLoaders, type Loaders } from './loaders/index.ts';

export interface Context {
  dixa: DixaApi;
  loaders: Loaders;
  /** Origin of Dixa's agent interface, for `Ticket.ticketUrl` (null: not configured). */
  appUrl: string | null;
}

export interface ContextOptions {
  appUrl?: string | null;
  concurrency?: number;
}

export function createContext(dixa: DixaApi, options: ContextOptions = {}): Context {
  return {
    dixa,
    loaders: createLoaders(dixa, { concurrency: options.concurrency ?? 8 }),
    appUrl: options.appUrl ?? null,
  };
}
