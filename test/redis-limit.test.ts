/** The shared (REDIS_URL) rate limit against the Redis running on this machine: two replicas, one budget. */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../src/dixa/rate-limit.ts';
import { RedisRateLimiterRegistry } from '../src/dixa/redis-limit.ts';

const URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `dixa-subgraph-test:${randomBytes(4).toString('hex')}:`;
const TOKEN = 'shared-token-abcdef';
const registries: RedisRateLimiterRegistry[] = [];
const replica = (ratePerSecond: number, burst: number) => {
  const r = new RedisRateLimiterRegistry(URL, { ratePerSecond, burst, maxQueue: 100 }, prefix);
  registries.push(r);
  return r;
};

afterAll(async () => {
  const redis = new Redis(URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await Promise.all(registries.map((r) => r.close()));
});

describe('Redis-backed rate limit', () => {
  it('two replicas together never exceed the per-token rate', async () => {
    const a = replica(20, 2).for(TOKEN);
    const b = replica(20, 2).for(TOKEN);
    const started = performance.now();
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        await (i % 2 ? a : b).acquire();
        grants.push(performance.now() - started);
      }),
    );
    // 30 calls at 20/s with a burst of 2: the last cannot start before (30 - 2) / 20 s
    expect(Math.max(...grants)).toBeGreaterThanOrEqual(1350);
    grants.sort((x, y) => x - y);
    for (let i = 0; i < grants.length; i++) expect(grants.filter((g) => g >= grants[i]! && g < grants[i]! + 1000).length).toBeLessThanOrEqual(22);
  });

  it('refuses at once when the slot is past the deadline, with the wait it would need', async () => {
    const limiter = replica(2, 1).for('other-token-123456');
    await limiter.acquire();
    const error = await limiter.acquire(performance.now() + 100).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterSeconds).toBeGreaterThan(0.3);
  });

  it('keeps no token in Redis', async () => {
    const redis = new Redis(URL);
    const keys = await redis.keys(`${prefix}*`);
    await redis.quit();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toContain(TOKEN);
  });
});
