/**
 * The sandbox: a real HTTP server speaking Dixa's v1 wire format over seeded in-memory
 * organisations (one per token). It is `npm start`'s default backend and the tests' Dixa.
 * Every /v1 request lands in the call log; `faults` injects latency, error statuses and
 * connection resets before or after a request is processed.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog } from './calls.ts';
import { HttpError, match, readBody, sendJson, type Route } from './http.ts';
import { catalogReadRoutes } from './routes/catalog.ts';
import { conversationWriteRoutes } from './routes/conversation-writes.ts';
import { directoryWriteRoutes } from './routes/directory-writes.ts';
import { conversationReadRoutes } from './routes/conversations.ts';
import { directoryReadRoutes } from './routes/directory.ts';
import { Prng } from './prng.ts';
import { webhookPayload, webhookRoutes, type WebhookDeliveryRecord } from './webhooks.ts';
import { seedOrganisation, type OrgState, type SeedOptions } from './seed.ts';

/** One injected failure, for tests of retries and of create-never-duplicated. */
export interface FaultRule {
  /** Route template it applies to (`POST /v1/conversations/{id}/notes`); every /v1 call when absent. */
  template?: string;
  /** Only this concrete path (`/v1/conversations/42/messages`), when given. */
  path?: string;
  /** How many matching calls it hits; then it is spent. */
  times: number;
  /** Chance (0–1, seeded PRNG) that a matching call is hit; default 1. */
  rate?: number;
  /** 'before': the request is not processed; 'after': it is processed, then the answer is lost or spoiled. */
  when: 'before' | 'after';
  /**
   * 'reset' destroys the connection; 'malformed' answers 200 with truncated JSON; `status` answers
   * with it (429, 503, …); `slowBodyMs` sends half the body, then the rest after that delay.
   */
  action: 'reset' | 'malformed' | { status: number; retryAfter?: number; body?: string } | { slowBodyMs: number };
}

export interface Faults {
  /** Added before every /v1 response, ms. */
  latencyMs: number;
  rules: FaultRule[];
  /** Seed of the PRNG behind `rate`. */
  seed: number;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** One seeded organisation each; `aliases` are further tokens of the same organisation (token rotation). */
  organisations?: Array<{ token: string; aliases?: string[]; seed?: SeedOptions }>;
  now?: () => number;
}

export interface Sandbox {
  /** Origin, e.g. http://127.0.0.1:4010: clients call `${url}/v1/...`. */
  url: string;
  /** The first organisation's token. */
  token: string;
  orgs: Map<string, OrgState>;
  calls: CallLog;
  faults: Faults;
  /** Webhook deliveries the sandbox made (for tests and demos). */
  webhookDeliveries: WebhookDeliveryRecord[];
  close(): Promise<void>;
}

export const DEFAULT_SANDBOX_TOKEN = 'sandbox-token';

const ROUTES: Route[] = [...webhookRoutes, ...conversationReadRoutes, ...directoryReadRoutes, ...catalogReadRoutes, ...conversationWriteRoutes, ...directoryWriteRoutes];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const organisations = options.organisations ?? [{ token: DEFAULT_SANDBOX_TOKEN }];
  const orgs = new Map<string, OrgState>();
  const orgIndex = new Map<string, number>();
  organisations.forEach((o, i) => {
    const state = seedOrganisation(o.seed);
    for (const token of [o.token, ...(o.aliases ?? [])]) {
      orgs.set(token, state);
      orgIndex.set(token, i);
    }
  });
  const calls = new CallLog();
  const webhookDeliveries: WebhookDeliveryRecord[] = [];

  /** Sends Dixa-format deliveries to the org's subscribers, after the API answer (Dixa is async too). */
  function emitter(org: OrgState) {
    return (event: string, conversation: Parameters<typeof webhookPayload>[2]) => {
      const targets = [...org.webhooks.values()].filter((w) => w.events.includes(event));
      if (!targets.length) return;
      const body = webhookPayload(org, event, conversation, now());
      setImmediate(() => {
        for (const target of targets) {
          const record: WebhookDeliveryRecord = { url: target.url, body, status: null };
          webhookDeliveries.push(record);
          fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
            .then((res) => void (record.status = res.status))
            .catch(() => void (record.status = 0));
        }
      });
    };
  }
  const faults: Faults = { latencyMs: 0, rules: [], seed: 1 };
  let faultRng = new Prng(faults.seed);
  let faultSeed = faults.seed;
  const now = options.now ?? Date.now;

  /** The first live rule for this call at this moment, consumed. */
  function takeFault(template: string, path: string, when: FaultRule['when']): FaultRule | undefined {
    if (faultSeed !== faults.seed) faultRng = new Prng((faultSeed = faults.seed));
    for (const rule of faults.rules) {
      if (rule.times <= 0 || rule.when !== when || (rule.template && rule.template !== template) || (rule.path && rule.path !== path)) continue;
      if (rule.rate !== undefined && faultRng.next() >= rule.rate) continue;
      rule.times--;
      return rule;
    }
    return undefined;
  }

  /** Applies a fault instead of the real answer; returns the status it stands for (0 = reset). */
  function inflict(rule: FaultRule, res: http.ServerResponse, real?: { status: number; body: unknown }): number {
    if (rule.action === 'reset') {
      res.socket?.destroy();
      return 0;
    }
    if (rule.action === 'malformed') {
      const text = JSON.stringify(real?.body ?? { data: { id: 1, name: 'x' } });
      res.writeHead(200, { 'content-type': 'application/json' }).end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      return 200;
    }
    if ('slowBodyMs' in rule.action) {
      const text = JSON.stringify(real?.body ?? { data: [] });
      res.writeHead(real?.status ?? 200, { 'content-type': 'application/json' });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setTimeout(() => res.end(text.slice(Math.floor(text.length / 2))), rule.action.slowBodyMs).unref();
      return real?.status ?? 200;
    }
    const { status, retryAfter, body } = rule.action;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    res.writeHead(status, headers).end(body ?? JSON.stringify({ message: status === 429 ? 'API limit has been reached' : 'Internal failure during request processing' }));
    return status;
  }

  async function handleV1(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const startedAt = performance.now();
    const method = req.method ?? 'GET';
    const rawBody = await readBody(req);
    const found = match(ROUTES, method, url.pathname);
    const auth = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const org = orgs.get(auth);
    let status = 500;
    const template = found ? `${method} ${found.route.template}` : `${method} ${url.pathname}`;
    try {
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      const before = takeFault(template, url.pathname, 'before');
      if (before) {
        status = inflict(before, res);
        return;
      }
      if (!org) throw new HttpError(401, 'Unauthorized');
      if (!found) throw new HttpError(404, 'Not found');
      let body: unknown;
      if (rawBody) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          throw new HttpError(400, 'Invalid value for: body');
        }
      }
      const result = found.route.handler({ org, params: found.params, query: url.searchParams, body, path: url.pathname, now, emit: emitter(org) });
      const after = takeFault(template, url.pathname, 'after');
      if (after) {
        status = inflict(after, res, { status: result ? (result.status ?? 200) : 204, body: result?.body });
        return;
      }
      status = result ? (result.status ?? 200) : 204;
      sendJson(res, status, result?.body);
    } catch (error) {
      status = error instanceof HttpError ? error.status : 500;
      sendJson(res, status, { message: error instanceof HttpError ? error.message : 'Internal failure during request processing' });
    } finally {
      calls.record({
        method,
        path: url.pathname,
        template,
        query: Object.fromEntries(url.searchParams),
        bodyHash: rawBody ? createHash('sha256').update(rawBody).digest('hex').slice(0, 16) : '',
        status,
        org: org ? (orgIndex.get(auth) ?? -1) : -1,
        startedAt,
        endedAt: performance.now(),
      });
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    if (url.pathname.startsWith('/v1/')) {
      handleV1(req, res, url).catch(() => res.destroy());
      return;
    }
    // Tool endpoints, outside Dixa's API and not logged.
    if (req.method === 'GET' && url.pathname === '/_sandbox/calls') return sendJson(res, 200, { calls: calls.list(), byTemplate: calls.byTemplate() });
    if (req.method === 'POST' && url.pathname === '/_sandbox/reset-calls') {
      calls.reset();
      return sendJson(res, 204);
    }
    sendJson(res, 404, { message: 'Not found' });
  });
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host}:${port}`,
    token: organisations[0]!.token,
    orgs,
    calls,
    faults,
    webhookDeliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
