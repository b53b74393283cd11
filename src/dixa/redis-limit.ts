/**
 * The same GCRA rate limit as ./rate-limit.ts, with its state in Redis (REDIS_URL) so that every
 * replica of the subgraph draws on one budget per Dixa token. The slot is reserved atomically by a
 * Lua script on Redis's own clock, so replicas with skewed clocks still agree.
 */
import { Redis } from 'ioredis';
import { gcraSpacing, RateLimitedError, SlotWaits, tokenKey, type Limiter, type RateLimitOptions } from './rate-limit.ts';

/** KEYS[1] = the token's key; ARGV = interval ms, tolerance ms, longest acceptable wait ms. */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - tonumber(ARGV[2]) - now
if wait > tonumber(ARGV[3]) then return {0, wait} end
local next = tat + tonumber(ARGV[1])
redis.call('SET', KEYS[1], next, 'PX', next - now + 1000)
return {1, wait}
`;

export class RedisRateLimiter implements Limiter {
  readonly #spacing: { interval: number; tolerance: number };
  readonly #waits = new SlotWaits();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    readonly options: RateLimitOptions,
  ) {
    this.#spacing = gcraSpacing(options);
  }

  async acquire(deadline = Number.POSITIVE_INFINITY): Promise<void> {
    const longest = this.#waits.count >= this.options.maxQueue ? 0 : Math.max(0, deadline - performance.now());
    const { interval, tolerance } = this.#spacing;
    const [ok, wait] = (await this.redis.eval(RESERVE, 1, this.key, interval, tolerance, Number.isFinite(longest) ? Math.floor(longest) : 2 ** 31)) as [number, number];
    if (!ok) throw new RateLimitedError(Math.max(0, wait) / 1000);
    await this.#waits.sleep(wait);
  }
}

/** Limiters per token backed by one Redis connection; keys hold a hash of the token, never the token. */
export class RedisRateLimiterRegistry {
  readonly #redis: Redis;
  readonly #limiters = new Map<string, RedisRateLimiter>();
  constructor(
    url: string,
    readonly options: RateLimitOptions,
    private readonly prefix = 'dixa-subgraph:rate:',
  ) {
    this.#redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  }
  for(token: string): RedisRateLimiter {
    const key = this.prefix + tokenKey(token);
    let limiter = this.#limiters.get(key);
    if (!limiter) this.#limiters.set(key, (limiter = new RedisRateLimiter(this.#redis, key, this.options)));
    return limiter;
  }
  async close(): Promise<void> {
    await this.#redis.quit();
  }
}
