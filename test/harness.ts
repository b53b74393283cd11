/**
 * Test harness: a real sandbox (Dixa simulator) and a real subgraph HTTP server in front of it,
 * both on ephemeral loopback ports. Tests speak GraphQL over HTTP and read the sandbox call log.
 */
import { DixaClient, type DixaClientOptions } from '../src/dixa/client.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { createMetrics } from '../src/metrics.ts';
import { createSandbox, type Sandbox } from '../src/sandbox/server.ts';
import { createServer, type ServerOptions } from '../src/server.ts';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

export interface Harness {
  sandbox: Sandbox;
  url: string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  token?: string;
  sandbox?: Sandbox;
  retry?: { maxAttempts?: number; baseDelayMs?: number };
  adminKey?: string;
  /** More client options (limiter, breaker, timeout). */
  client?: Partial<DixaClientOptions>;
  /** More server options (deadline, limits). */
  server?: Partial<ServerOptions>;
  logger?: Logger;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sandbox = options.sandbox ?? (await createSandbox({ port: 0 }));
  const logger = options.logger ?? createLogger('silent');
  const metrics = createMetrics();
  const token = options.token ?? sandbox.token;
  const dixa = new DixaClient({
    baseUrl: sandbox.url,
    token,
    retry: options.retry ?? { maxAttempts: 1 },
    onCall: (call) => {
      metrics.observeDixaCall(call);
      logger.info({ upstream: call }, 'dixa call');
    },
    ...options.client,
  });
  const server = await createServer({ dixa, logger, metrics, adminKey: options.adminKey ?? null, secrets: [token], ...options.server });
  const running = await server.listen(0, '127.0.0.1');
  return {
    sandbox,
    url: running.url,
    async gql(query, variables, headers = {}) {
      const res = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async close() {
      await running.close();
      if (!options.sandbox) await sandbox.close();
    },
  };
}

/** Every error message and extension, flattened, to check nothing internal leaks. */
export function errorText(response: GraphQLResponse): string {
  return JSON.stringify(response.errors ?? []);
}

/** Reads the sandbox straight over Dixa's wire API (for expected values), then clears the call log. */
export async function dixaRead<T = any>(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: sandbox.token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${method} ${path} → ${res.status}`);
  return ((await res.json()) as { data: T }).data;
}

/** Every item of a paginated sandbox list, following meta.next. */
export async function dixaReadAll<T = any>(sandbox: Sandbox, path: string, init: { method?: string; body?: unknown } = {}): Promise<T[]> {
  const all: T[] = [];
  let next: string | null = path;
  while (next) {
    const res: Response = await fetch(`${sandbox.url}${next}`, {
      method: init.method ?? 'GET',
      headers: { authorization: sandbox.token, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!res.ok) throw new Error(`sandbox ${next} → ${res.status}`);
    const json = (await res.json()) as { data: T[]; meta?: { next?: string } };
    all.push(...json.data);
    const key: string | null = json.meta?.next ? new URL(json.meta.next, sandbox.url).searchParams.get('pageKey') : null;
    next = key ? `${path}${path.includes('?') ? '&' : '?'}pageKey=${encodeURIComponent(key)}` : null;
  }
  return all;
}
