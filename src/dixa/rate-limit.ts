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

export class RateLimiter implements Limiter {
  readonly #interval: number;
  readonly #tolerance: number;
  readonly #maxQueue: number;
  /** Theoretical arrival time of the next call (ms). */
  #tat = 0;
  #waiting = 0;

  constructor(
    readonly options: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#interval = 1000 / options.ratePerSecond;
    this.#tolerance = (options.burst - 1) * this.#interval;
    this.#maxQueue = options.maxQueue;
  }

  /** Waits for a slot; refuses (RateLimitedError) if it would come after `deadline` (same clock as `now`). */
  async acquire(deadline = Number.POSITIVE_INFINITY): Promise<void> {
    const now = this.now();
    const tat = Math.max(this.#tat, now);
    const wait = tat - this.#tolerance - now;
    if (wait > 0 && (now + wait > deadline || this.#waiting >= this.#maxQueue)) throw new RateLimitedError(wait / 1000);
    this.#tat = tat + this.#interval;
    if (wait <= 0) return;
    this.#waiting++;
    try {
      await new Promise((resolve) => setTimeout(resolve, wait));
    } finally {
      this.#waiting--;
    }
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
    const key = createHash('sha256').update(token).digest('hex');
    let limiter = this.#limiters.get(key);
    if (!limiter) this.#limiters.set(key, (limiter = new RateLimiter(this.options)));
    return limiter;
  }
}
