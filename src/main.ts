/** Process entry: config → Dixa (real, or the embedded sandbox) → server → listen. */
import { loadConfig } from './config.ts';
import { CircuitBreaker } from './dixa/breaker.ts';
import { DixaClient, createDixaPool } from './dixa/client.ts';
import { RateLimiterRegistry } from './dixa/rate-limit.ts';
import { createLogger } from './logger.ts';
import { createSandbox } from './sandbox/server.ts';
import { createServer } from './server.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);

let dixaTarget = config.dixa;
let closeSandbox: (() => Promise<void>) | undefined;
if (!dixaTarget) {
  const sandbox = await createSandbox({ port: config.sandboxPort });
  closeSandbox = () => sandbox.close();
  dixaTarget = { baseUrl: sandbox.url, token: sandbox.token };
  logger.info({ sandbox: sandbox.url }, 'DIXA_API_TOKEN not set: serving the embedded Dixa sandbox (seeded demo data)');
}

// The sandbox has no rate limit to respect; real Dixa allows each token 10 requests/s.
const limiters = config.dixa ? new RateLimiterRegistry(config.rateLimit) : null;
const dixa = new DixaClient({
  baseUrl: dixaTarget.baseUrl,
  token: dixaTarget.token,
  pool: createDixaPool(dixaTarget.baseUrl),
  timeoutMs: config.timeoutMs,
  retry: { maxAttempts: config.retryMaxAttempts },
  limiter: limiters?.for(dixaTarget.token),
  breaker: new CircuitBreaker(),
  onCall: (call) => logger.info({ upstream: call }, 'dixa call'),
});
const server = await createServer({
  dixa,
  logger,
  appUrl: config.appUrl,
  concurrency: config.concurrency,
  adminKey: config.adminKey,
  operationDeadlineMs: config.operationDeadlineMs,
  limits: config.limits,
  introspection: config.introspection,
  secrets: [dixaTarget.token, ...(config.adminKey ? [config.adminKey] : [])],
});
const running = await server.listen(config.port);
logger.info({ url: running.url }, `dixa-subgraph ready at ${running.url} (GraphiQL: open it in a browser)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'shutting down');
    await running.close();
    await closeSandbox?.();
    process.exit(0);
  });
}
