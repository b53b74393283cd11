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
  /** The linked account the request speaks for (multi-account mode), else null. */
  accountId: string | null;
}

export interface ContextOptions {
  appUrl?: string | null;
  concurrency?: number;
  isAdmin?: boolean;
  accountId?: string | null;
}

export function createContext(dixa: DixaApi, options: ContextOptions = {}): Context {
  let loaders: Loaders | undefined;
  return {
    dixa,
    // Built on first use: an operation that needs no Dixa call pays nothing for them.
    get loaders() {
      return (loaders ??= createLoaders(dixa, { concurrency: options.concurrency ?? 8 }));
    },
    appUrl: options.appUrl ?? null,
    isAdmin: options.isAdmin ?? false,
    accountId: options.accountId ?? null,
  };
}
