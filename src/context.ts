/** The per-request context: the account's Dixa client and fresh DataLoaders. */
import type { DixaApi } from './dixa/api.ts';
import { createLoaders, type Loaders } from './loaders/index.ts';

export interface Context {
  dixa: DixaApi;
  loaders: Loaders;
  /** Origin of Dixa's agent interface, for `Ticket.ticketUrl` (null: not configured). */
  appUrl: string | null;
  /** The caller presented the admin key (for the raw passthrough). */
  isAdmin: boolean;
}

export interface ContextOptions {
  appUrl?: string | null;
  concurrency?: number;
  isAdmin?: boolean;
}

export function createContext(dixa: DixaApi, options: ContextOptions = {}): Context {
  return {
    dixa,
    loaders: createLoaders(dixa, { concurrency: options.concurrency ?? 8 }),
    appUrl: options.appUrl ?? null,
    isAdmin: options.isAdmin ?? false,
  };
}
