/**
 * Fault injection: the subgraph keeps working, loses nothing and stays within Dixa's rate limit
 * whatever the sandbox does — 429 storms, 5xx bursts, resets, malformed bodies, slow bodies.
 */
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../src/dixa/breaker.ts';
import { RateLimiter } from '../src/dixa/rate-limit.ts';
import { createSandbox, type FaultRule } from '../src/sandbox/server.ts';
import { dixaRead, startHarness } from './harness.ts';

const SYNC = `query($after: String) { tickets(first: 100, after: $after) { nodes { id status { id } } pageInfo { hasNextPage endCursor } } }`;

let debugCalls: (() => unknown) | null = null;
async function syncAll(gql: (q: string, v?: Record<string, unknown>) => Promise<any>) {
  const rows: string[] = [];
  let after: string | null = null;
  do {
    const res = await gql(SYNC, { after });
    expect(res.errors, JSON.stringify([res.errors, debugCalls?.()])).toBeUndefined();
    rows.push(...res.data.tickets.nodes.map((n: any) => `${n.id}:${n.status.id}`));
    after = res.data.tickets.pageInfo.hasNextPage ? res.data.tickets.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

/** The most calls that started within any window of `ms`. */
function peak(starts: number[], ms: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('a sync of 1,000 conversations under a 30% 429/5xx rate', () => {
  it('returns identical results and never exceeds the rate limiter', async () => {
    const sandbox = await createSandbox({ organisations: [{ token: 'sync-token', seed: { conversations: 1000 } }] });
    const rate = { ratePerSecond: 400, burst: 20, maxQueue: 1000 };
    // 12 attempts: at a 29% fault rate a call fails every attempt with p = 0.29^12 ≈ 4e-7, so a
    // 1,500-call sync fails about once in 2,000 runs (8 attempts: once in 13). Production default is 3.
    const h = await startHarness({
      sandbox,
      client: { limiter: new RateLimiter(rate), retry: { maxAttempts: 12, baseDelayMs: 1, maxDelayMs: 20 } },
    });
    try {
      const clean = await syncAll(h.gql);
      expect(clean).toHaveLength(1000);

      sandbox.calls.reset();
      debugCalls = () => {
        const byPath = new Map<string, number[]>();
        for (const c of sandbox.calls.list()) byPath.set(c.method + c.path, [...(byPath.get(c.method + c.path) ?? []), c.status]);
        return [...byPath].filter(([, st]) => !st.includes(200)).slice(0, 5);
      };
      sandbox.faults.rules.push(
        { when: 'before', times: 100_000, rate: 0.1, action: { status: 429, retryAfter: 0 } },
        { when: 'before', times: 100_000, rate: 0.1, action: { status: 429 } },
        { when: 'before', times: 100_000, rate: 0.125, action: { status: 503 } },
      );
      const faulty = await syncAll(h.gql);
      expect(faulty).toEqual(clean);

      const calls = sandbox.calls.list();
      const failed = calls.filter((c) => c.status === 429 || c.status === 503).length;
      expect(failed / calls.length).toBeGreaterThan(0.25);
      expect(failed / calls.length).toBeLessThan(0.35);
      // Measured where Dixa would see it: on arrival. Loopback scheduling on a busy machine can
      // bunch arrivals by a few ms, hence 5% of slack on the short window.
      expect(peak(calls.map((c) => c.startedAt), 1000)).toBeLessThanOrEqual(Math.ceil((rate.ratePerSecond + rate.burst) * 1.02));
      expect(peak(calls.map((c) => c.startedAt), 250)).toBeLessThanOrEqual(Math.ceil((rate.ratePerSecond / 4 + rate.burst) * 1.05));
      console.info(`sync under faults: ${calls.length} calls, ${failed} injected failures, peak ${peak(calls.map((c) => c.startedAt), 1000)}/s (limit ${rate.ratePerSecond}/s + ${rate.burst})`);
    } finally {
      await h.close();
      await sandbox.close();
    }
  }, 60_000);
});

describe('rate limiter and deadline', () => {
  it('a query that would wait past its deadline is RATE_LIMITED with retryAfterSeconds, not queued forever', async () => {
    const h = await startHarness({ client: { limiter: new RateLimiter({ ratePerSecond: 2, burst: 1, maxQueue: 10 }) }, server: { operationDeadlineMs: 300 } });
    try {
      const res = await h.gql(`{ tickets(first: 10) { nodes { id subject } } }`);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(res.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(h.sandbox.calls.count()).toBeLessThanOrEqual(2);
    } finally {
      await h.close();
    }
  });

  it('Dixa’s own 429 with a long Retry-After past the deadline → RATE_LIMITED at once', async () => {
    const h = await startHarness({ retry: { maxAttempts: 3 }, server: { operationDeadlineMs: 1000 } });
    try {
      h.sandbox.faults.rules.push({ when: 'before', times: 5, action: { status: 429, retryAfter: 30 } });
      const started = performance.now();
      const res = await h.gql(`{ ticket(id: "1") { id } }`);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
      expect(performance.now() - started).toBeLessThan(900);
    } finally {
      await h.close();
    }
  });
});

describe('circuit breaker', () => {
  it('fails fast while Dixa is down, probes after the cooldown, recovers', async () => {
    const breaker = new CircuitBreaker({ threshold: 3, cooldownMs: 300 });
    const h = await startHarness({ client: { breaker } });
    try {
      h.sandbox.faults.rules.push({ when: 'before', times: 1000, action: { status: 503 } });
      for (let i = 0; i < 3; i++) expect((await h.gql(`{ ticket(id: "1") { id } }`)).errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
      const before = h.sandbox.calls.count();
      const fast = await h.gql(`{ ticket(id: "1") { id } }`);
      expect(fast.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryAfterSeconds: 1 });
      expect(h.sandbox.calls.count()).toBe(before); // not even attempted
      h.sandbox.faults.rules.length = 0;
      await new Promise((r) => setTimeout(r, 350));
      expect((await h.gql(`{ ticket(id: "1") { id } }`)).data!.ticket).toEqual({ id: '1' });
      expect(breaker.state).toBe('closed');
    } finally {
      await h.close();
    }
  });
});

describe('malformed and slow Dixa responses become typed errors', () => {
  const cases: Array<[string, FaultRule]> = [
    ['truncated JSON', { when: 'after', times: 10, template: 'GET /v1/conversations/{id}', action: 'malformed' }],
    ['wrong shape', { when: 'before', times: 10, template: 'GET /v1/conversations/{id}', action: { status: 200, body: '{"data":{"id":"seven"}}' } }],
    ['HTML instead of JSON', { when: 'before', times: 10, template: 'GET /v1/conversations/{id}', action: { status: 200, body: '<html>maintenance</html>' } }],
    ['no envelope', { when: 'before', times: 10, template: 'GET /v1/conversations/{id}', action: { status: 200, body: '[1,2,3]' } }],
    ['slow body past the timeout', { when: 'after', times: 10, template: 'GET /v1/conversations/{id}', action: { slowBodyMs: 400 } }],
    ['connection reset', { when: 'before', times: 10, template: 'GET /v1/conversations/{id}', action: 'reset' }],
  ];
  for (const [name, rule] of cases) {
    it(name, async () => {
      const h = await startHarness({ retry: { maxAttempts: 2, baseDelayMs: 1 }, client: { timeoutMs: 150 } });
      try {
        h.sandbox.faults.rules.push(rule);
        const res = await h.gql(`{ ticket(id: "5") { id } }`);
        expect(res.status).toBe(200);
        expect(res.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
        expect(res.errors![0]!.message).toMatch(/Dixa/);
        expect(JSON.stringify(res)).not.toMatch(/\n\s+at |stacktrace|sandbox-token/);
      } finally {
        await h.close();
      }
    });
  }
});

describe('creates under connection resets', () => {
  it('30 notes with half the answers lost: every POST reached Dixa once, nothing duplicated', async () => {
    const h = await startHarness({ retry: { maxAttempts: 3, baseDelayMs: 1 } });
    try {
      const org = h.sandbox.orgs.get(h.sandbox.token)!;
      const notesBefore = org.notes.get(30)?.length ?? (await dixaRead<unknown[]>(h.sandbox, "GET", "/v1/conversations/30/notes")).length;
      h.sandbox.calls.reset();
      h.sandbox.faults.rules.push({ when: 'after', times: 1000, rate: 0.5, template: 'POST /v1/conversations/{id}/notes', action: 'reset' });
      let unknown = 0;
      for (let i = 0; i < 30; i++) {
        const res = await h.gql(`mutation($b: String!) { createComment(input: { ticketId: "30", body: $b, isPrivate: true }) { comment { id } } }`, { b: `note ${i}` });
        if (res.errors) {
          expect(res.errors[0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', outcomeUnknown: true });
          unknown++;
        }
      }
      const notes = org.notes.get(30)!;
      expect(notes.length - notesBefore).toBe(30);
      expect(h.sandbox.calls.count('POST /v1/conversations/{id}/notes')).toBe(30);
      expect(new Set(notes.map((n) => n.message)).size).toBe(notes.length);
      expect(unknown).toBeGreaterThan(5);
    } finally {
      await h.close();
    }
  });
});
