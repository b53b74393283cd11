/** Process entry: config → Dixa (real, or the embedded sandbox) → accounts → server → listen. */
import { join } from 'node:path';
import { Keyring } from './accounts/crypto.ts';
import { embedded, postgres } from './accounts/sql.ts';
import { AccountStore } from './accounts/store.ts';
import { EventStore } from './events/store.ts';
import { multiAccount, singleAccount, type Tenancy } from './accounts/tenancy.ts';
import { loadConfig } from './config.ts';
import { CircuitBreaker } from './dixa/breaker.ts';
import { DixaClient, createDixaPool, type DixaClientOptions } from './dixa/client.ts';
import { RateLimiterRegistry } from './dixa/rate-limit.ts';
import { RedisRateLimiterRegistry } from './dixa/redis-limit.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { createSandbox, DEFAULT_SANDBOX_TOKEN } from './sandbox/server.ts';
import { createServer } from './server.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);

let baseUrl = config.dixaBaseUrl;
let closeSandbox: (() => Promise<void>) | undefined;
if (!baseUrl) {
  const sandbox = await createSandbox({ port: config.sandboxPort });
  closeSandbox = () => sandbox.close();
  baseUrl = sandbox.url;
  logger.info({ sandbox: sandbox.url }, 'DIXA_API_TOKEN not set: serving the embedded Dixa sandbox (seeded demo data)');
}
const sandboxMode = !config.dixaBaseUrl;

const pool = createDixaPool(baseUrl);
const breaker = new CircuitBreaker();
// The sandbox has no rate limit to respect; real Dixa allows each token 10 requests/s.
// With REDIS_URL every replica shares one budget per token; otherwise it is per process.
const limiters = sandboxMode ? null : config.redisUrl ? new RedisRateLimiterRegistry(config.redisUrl, config.rateLimit) : new RateLimiterRegistry(config.rateLimit);
const metrics = createMetrics();
const clientOptions: Partial<DixaClientOptions> = {
  timeoutMs: config.timeoutMs,
  retry: { maxAttempts: config.retryMaxAttempts },
  onCall: (call) => {
    metrics.observeDixaCall(call);
    logger.info({ upstream: call }, 'dixa call');
  },
};

// One database for linked accounts and ticket events: PostgreSQL, or embedded PGlite under DATA_DIR.
const sql = config.databaseUrl ? postgres(config.databaseUrl) : await embedded(join(config.dataDir, 'db'));
const events = new EventStore(sql);
await events.migrate();

let tenancy: Tenancy;
let store: AccountStore | null = null;
if (config.accounts) {
  store = new AccountStore(sql, new Keyring(config.accounts.encryptionKey));
  await store.migrate();
  tenancy = multiAccount({ store, baseUrl, pool, breaker, limiters, client: clientOptions });
  logger.info({ store: config.databaseUrl ? 'postgres' : 'embedded' }, 'multi-account mode: requests name their account in x-dixa-account');
} else {
  const token = config.dixaToken ?? DEFAULT_SANDBOX_TOKEN;
  const dixa = new DixaClient({ ...clientOptions, baseUrl, token, pool, breaker, limiter: limiters?.for(token) });
  tenancy = singleAccount(dixa, token);
}

const server = await createServer({
  tenancy,
  accounts: store ? { store, baseUrl, pool } : undefined,
  routerSecret: config.routerSecret,
  events: { store: events },
  metrics,
  publicUrl: config.publicUrl,
  logger,
  appUrl: config.appUrl,
  concurrency: config.concurrency,
  adminKey: config.adminKey,
  operationDeadlineMs: config.operationDeadlineMs,
  limits: config.limits,
  introspection: config.introspection,
  secrets: [...(config.dixaToken ? [config.dixaToken] : []), ...(config.adminKey ? [config.adminKey] : []), ...(config.routerSecret ? [config.routerSecret] : [])],
});
const running = await server.listen(config.port);
logger.info({ url: running.url }, `dixa-subgraph ready at ${running.url} (GraphiQL: open it in a browser)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'shutting down');
    await running.close();
    await sql.close();
    await closeSandbox?.();
    process.exit(0);
  });
}
