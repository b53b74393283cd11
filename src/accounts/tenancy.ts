/**
 * Which Dixa account a request speaks for. Single-account mode: the one configured client.
 * Multi-account mode: the account named by the `x-dixa-account` header, whose token is decrypted
 * from the store and injected into a client of its own (sharing the connection pool and the
 * origin's circuit breaker; the rate limiter is per token).
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { DixaApi } from '../dixa/api.ts';
import type { CircuitBreaker } from '../dixa/breaker.ts';
import { DixaClient, type DixaClientOptions } from '../dixa/client.ts';
import type { LimiterRegistry } from '../dixa/rate-limit.ts';
import { graphQLError } from '../errors.ts';
import type { AccountStore } from './store.ts';

export const ACCOUNT_HEADER = 'x-dixa-account';

export interface Tenancy {
  /** The Dixa client for this request, or an UNAUTHENTICATED error. */
  clientFor(headers: IncomingHttpHeaders): Promise<{ dixa: DixaApi; accountId: string | null }>;
  /** Forget cached credentials of an account (after a rotation or an unlink). */
  forget(accountId: string): void;
  /** Every token this process holds, for masking in errors. */
  readonly secrets: readonly string[];
}

export function singleAccount(dixa: DixaApi, token: string): Tenancy {
  return { clientFor: async () => ({ dixa, accountId: null }), forget: () => {}, secrets: token ? [token] : [] };
}

export interface MultiAccountOptions {
  store: AccountStore;
  baseUrl: string;
  pool: Dispatcher;
  breaker?: CircuitBreaker;
  limiters?: LimiterRegistry | null;
  client?: Partial<DixaClientOptions>;
  /** How long a decrypted token is reused before the store is asked again. */
  cacheMs?: number;
}

const unauthenticated = (message: string) => graphQLError('UNAUTHENTICATED', message, { http: { status: 401 } });

export function multiAccount(options: MultiAccountOptions): Tenancy {
  const cache = new Map<string, { client: DixaClient; token: string; until: number }>();
  const cacheMs = options.cacheMs ?? 30_000;
  return {
    async clientFor(headers) {
      const header = headers[ACCOUNT_HEADER];
      const accountId = typeof header === 'string' ? header.trim() : '';
      if (!accountId) throw unauthenticated(`Send the account to act for in the ${ACCOUNT_HEADER} header`);
      const cached = cache.get(accountId);
      if (cached && cached.until > Date.now()) return { dixa: cached.client, accountId };
      const token = await options.store.token(accountId);
      if (!token) throw unauthenticated('Unknown account');
      const client = new DixaClient({
        ...options.client,
        baseUrl: options.baseUrl,
        token,
        pool: options.pool,
        breaker: options.breaker,
        limiter: options.limiters?.for(token),
      });
      cache.set(accountId, { client, token, until: Date.now() + cacheMs });
      return { dixa: client, accountId };
    },
    forget(accountId) {
      cache.delete(accountId);
    },
    get secrets() {
      return [...cache.values()].map((c) => c.token);
    },
  };
}

/** A stable, non-reversible label of a token for logs. */
export const tokenLabel = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 8);
