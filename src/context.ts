/** The per-request context: the account's Dixa client and fresh DataLoaders. */
import type { DixaApi } from './dixa/api.ts';
import type { EventStore } from './events/store.ts';
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
  /** Ticket events (null when the server runs without a database). */
  events: EventStore | null;
  /** Public origin of this subgraph, for the webhook URLs it gives Dixa. */
  publicUrl: string;
}

/** The key events, subscriptions and consumers are stored under. */
export const accountKeyOf = (ctx: Pick<Context, 'accountId'>) => ctx.accountId ?? 'default';

export interface ContextOptions {
  appUrl?: string | null;
  concurrency?: number;
  isAdmin?: boolean;
  accountId?: string | null;
  events?: EventStore | null;
  publicUrl?: string;
}

/**
 * A class, not an object literal: Apollo clones the context with Object.assign onto its prototype,
 * which keeps a prototype getter lazy (a getter on a literal would run during the copy).
 */
class RequestContext implements Context {
  /** Built on first use: an operation that needs no Dixa call pays nothing for them. */
  private built: Loaders | undefined = undefined;
  constructor(
    readonly dixa: DixaApi,
    private readonly concurrency: number,
    readonly appUrl: string | null,
    readonly isAdmin: boolean,
    readonly accountId: string | null,
    readonly events: EventStore | null,
    readonly publicUrl: string,
  ) {}
  get loaders(): Loaders {
    return (this.built ??= createLoaders(this.dixa, { concurrency: this.concurrency }));
  }
}

export function createContext(dixa: DixaApi, options: ContextOptions = {}): Context {
  return new RequestContext(
    dixa,
    options.concurrency ?? 8,
    options.appUrl ?? null,
    options.isAdmin ?? false,
    options.accountId ?? null,
    options.events ?? null,
    options.publicUrl ?? 'http://localhost:4000',
  );
}
