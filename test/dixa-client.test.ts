/**
 * The Dixa client against a scripted HTTP server (a real socket), for the behaviours the sandbox
 * does not exercise: exact headers, malformed bodies, timeouts, Retry-After, keep-alive.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DixaClient, type UpstreamCallEvent } from '../src/dixa/client.ts';
import { DixaDecodeError, DixaHttpError, DixaOutcomeUnknownError, DixaTimeoutError } from '../src/dixa/errors.ts';
import { paginate } from '../src/dixa/paginate.ts';
import { decideRetry, DEFAULT_RETRY } from '../src/dixa/retry.ts';

type Script = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let script: Script = (_req, res) => res.end();
const seen: Array<{ method?: string; url?: string; authorization?: string }> = [];
let connections = 0;
const server = http.createServer((req, res) => {
  seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
  req.resume();
  req.on('end', () => script(req, res));
});
server.on('connection', () => connections++);
let origin = '';
const TOKEN = 'secret-token-xyz';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  seen.length = 0;
});

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
const client = (events?: UpstreamCallEvent[], timeoutMs = 2000) =>
  new DixaClient({ baseUrl: `${origin}/`, token: TOKEN, timeoutMs, retry: { baseDelayMs: 1, maxDelayMs: 20 }, onCall: (e) => events?.push(e) });
const agent = { id: 'a1', displayName: 'A', email: 'a@x.io' };

describe('DixaClient', () => {
  it('sends the bare token and follows meta.next through every page', async () => {
    script = (req, res) => {
      const key = new URL(req.url!, origin).searchParams.get('pageKey');
      const page = Number(key ?? 0);
      json(res, 200, { data: [{ ...agent, id: `a${page}` }], meta: page < 2 ? { next: `/v1/agents?pageKey=${page + 1}` } : {} });
    };
    const c = client();
    const ids: string[] = [];
    for await (const page of paginate((p) => c.listAgents({}, p), { pageLimit: 1 })) ids.push(...page.items.map((a) => a.id));
    expect(ids).toEqual(['a0', 'a1', 'a2']);
    expect(seen.every((s) => s.authorization === TOKEN)).toBe(true);
    expect(seen[1]!.url).toBe('/v1/agents?pageKey=1&pageLimit=1');
  });

  it('stops when Dixa repeats a page key', async () => {
    script = (_req, res) => json(res, 200, { data: [agent], meta: { next: '/v1/agents?pageKey=same' } });
    const c = client();
    const run = async () => {
      for await (const _ of paginate((p) => c.listAgents({}, p))) void _;
    };
    await expect(run()).rejects.toBeInstanceOf(DixaDecodeError);
  });

  it('decode errors name the field, never the value or the token', async () => {
    script = (_req, res) => json(res, 200, { data: { id: 42, displayName: 'secret-value' } });
    const error = await client().getAgent('a1').catch((e) => e);
    expect(error).toBeInstanceOf(DixaDecodeError);
    expect(error.message).toMatch(/data\.id/);
    expect(error.message).not.toMatch(/secret-value|secret-token/);
    script = (_req, res) => res.writeHead(200).end('<html>oops');
    expect(await client().getAgent('a1').catch((e) => e)).toBeInstanceOf(DixaDecodeError);
  });

  it('404 carries Dixa’s message; 4xx is not retried', async () => {
    script = (_req, res) => json(res, 404, { message: 'An entity in this request could not be found' });
    const error = await client().getAgent('nope').catch((e) => e);
    expect(error).toBeInstanceOf(DixaHttpError);
    expect(error).toMatchObject({ status: 404, dixaMessage: 'An entity in this request could not be found', operation: 'GET /v1/agents/{id}' });
    expect(seen).toHaveLength(1);
  });

  it('429 with Retry-After is retried; 5xx stops after maxAttempts', async () => {
    let n = 0;
    script = (_req, res) => (n++ === 0 ? json(res, 429, { message: 'API limit has been reached' }, { 'retry-after': '0' }) : json(res, 200, { data: agent }));
    expect((await client().getAgent('a1')).id).toBe('a1');
    expect(seen).toHaveLength(2);
    seen.length = 0;
    script = (_req, res) => json(res, 503, { message: 'down' });
    const events: UpstreamCallEvent[] = [];
    expect(await client(events).getAgent('a1').catch((e) => e)).toMatchObject({ status: 503 });
    expect(seen).toHaveLength(DEFAULT_RETRY.maxAttempts);
    expect(events.map((e) => [e.template, e.status, e.attempt])).toEqual([
      ['GET /v1/agents/{id}', 503, 1],
      ['GET /v1/agents/{id}', 503, 2],
      ['GET /v1/agents/{id}', 503, 3],
    ]);
  });

  it('a create whose connection dies after sending is outcome-unknown and sent once', async () => {
    script = (req) => req.socket.destroy();
    const error = await client().createNote(1, { message: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(DixaOutcomeUnknownError);
    expect(seen).toHaveLength(1);
  });

  it('times out slow answers', async () => {
    script = (_req, res) => setTimeout(() => json(res, 200, { data: agent }), 300);
    const error = await new DixaClient({ baseUrl: origin, token: TOKEN, timeoutMs: 50, retry: { maxAttempts: 1 } }).getAgent('a1').catch((e) => e);
    expect(error).toBeInstanceOf(DixaTimeoutError);
  });

  it('reuses keep-alive connections', async () => {
    script = (_req, res) => json(res, 200, { data: agent });
    const before = connections;
    const c = client();
    for (let i = 0; i < 20; i++) await c.getAgent('a1');
    expect(connections - before).toBeLessThanOrEqual(2); // 20 requests, not 20 sockets
  });
});

describe('retry policy', () => {
  const opts = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };
  const http500 = new DixaHttpError('GET /x', 500, undefined);
  it('retries idempotent 5xx with jittered exponential backoff, never past maxAttempts', () => {
    expect(decideRetry(http500, { idempotent: true, attempt: 1 }, opts, () => 1)).toEqual({ retry: true, delayMs: 100 });
    expect(decideRetry(http500, { idempotent: true, attempt: 2 }, opts, () => 1)).toEqual({ retry: true, delayMs: 200 });
    expect(decideRetry(http500, { idempotent: true, attempt: 3 }, opts)).toEqual({ retry: false });
  });
  it('never retries a create after it may have been processed', () => {
    expect(decideRetry(http500, { idempotent: false, attempt: 1 }, opts)).toEqual({ retry: false });
    expect(decideRetry(new DixaTimeoutError('POST /x', 10), { idempotent: false, attempt: 1 }, opts)).toEqual({ retry: false });
    expect(decideRetry(new DixaHttpError('POST /x', 429, undefined, 0.5), { idempotent: false, attempt: 1 }, opts)).toEqual({ retry: true, delayMs: 500 });
  });
});
