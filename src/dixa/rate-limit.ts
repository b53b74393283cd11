/**
 * Client-side rate limiting that matches Dixa's published limits (10 requests/s, burst 4, per
 * token), so the subgraph queues its own calls instead of collecting 429s. It is a GCRA token
 * bucket: each call reserves the next free slot; a call whose slot lies past its operation's
 * deadline — or that would overfill the queue — is refused at once with the wait it would need.
 */
import { createHash } from 'node:crypto';

export interface RateLimitOptions {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Requests allowed back to back. */
  burst: number;
  /** Calls that may wait for a slot at once. */
  maxQueue: number;
}

export const DIXA_RATE_LIMIT: RateLimitOptions = { ratePerSecond: 10, burst: 4, maxQueue: 500 };

/** Thrown by `acquire` when the wait would pass the deadline or the queue is full. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`the next free slot is ${retryAfterSeconds.toFixed(1)} s away`);
    this.name = 'RateLimitedError';
  }
}

/** Waits for a call slot, or throws RateLimitedError when it would come after `deadline`. */
export interface Limiter {
  acquire(deadline?: number): Promise<void>;
}

/** GCRA spacing: ms between slots, and how far ahead of that schedule a burst may run. */
export function gcraSpacing(options: RateLimitOptions): { interval: number; tolerance: number } {
  const interval = 1000 / options.ratePerSecond;
  return { interval, tolerance: (options.burst - 1) * interval };
}

/** The calls sleeping until their reserved slot, counted so that a full queue refuses instead of growing. */
export class SlotWaits {
  #count = 0;
  get count(): number {
    return this.#count;
  }
  async sleep(ms: number): Promise<void> {
    if (ms <= 0) return;
    this.#count++;
    try {
      await new Promise((resolve) => setTimeout(resolve, ms));
    } finally {
      this.#count--;
    }
  }
}

/** A token's key in a limiter registry: its SHA-256, so no token is kept as a key. */
export const tokenKey = (token: string) => createHash('sha256').update(token).digest('hex');

export class RateLimiter implements Limiter {
  readonly #spacing: { interval: number; tolerance: number };
  /** Theoretical arrival time of the next call (ms). */
  #tat = 0;
  readonly #waits = new SlotWaits();

  constructor(
    readonly options: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#spacing = gcraSpacing(options);
  }

  /** Waits for a slot; refuses (RateLimitedError) if it would come after `deadline` (same clock as `now`). */
  async acquire(deadline = Number.POSITIVE_INFINITY): Promise<void> {
    const now = this.now();
    const tat = Math.max(this.#tat, now);
    const wait = tat - this.#spacing.tolerance - now;
    if (wait > 0 && (now + wait > deadline || this.#waits.count >= this.options.maxQueue)) throw new RateLimitedError(wait / 1000);
    this.#tat = tat + this.#spacing.interval;
    await this.#waits.sleep(wait);
  }
}

/** One limiter per API token (Dixa's budget is per token), keyed by a hash so no token is kept as a key. */
export interface LimiterRegistry {
  for(token: string): Limiter;
}

export class RateLimiterRegistry implements LimiterRegistry {
  readonly #limiters = new Map<string, RateLimiter>();
  constructor(readonly options: RateLimitOptions = DIXA_RATE_LIMIT) {}
  for(token: string): RateLimiter {
    const key = tokenKey(token);
    let limiter = this.#limiters.get(key);
    if (!limiter) this.#limiters.set(key, (limiter = new RateLimiter(this.options)));
    return limiter;
  }
}
