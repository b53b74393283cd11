/** HTTP surface: POST /graphql (Apollo), GET /graphql GraphiQL for browsers, /health, /ready. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler } from 'express';
import { createContext, type Context } from './context.ts';
import type { Dispatcher } from 'undici';
import { adminRouter } from './accounts/admin.ts';
import type { AccountStore } from './accounts/store.ts';
import { singleAccount, type Tenancy } from './accounts/tenancy.ts';
import type { DixaApi } from './dixa/api.ts';
import { keyMatches } from './security.ts';
import { startDeliveryWorker } from './events/deliveries.ts';
import { webhookRouter } from './events/receiver.ts';
import type { EventStore } from './events/store.ts';
import { createFormatError } from './errors.ts';
import { graphiqlRouter } from './graphiql.ts';
import type { Logger } from './logger.ts';
import { buildSchema } from './schema.ts';
import type { Resolvers } from './generated/graphql.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { DEFAULT_LIMITS, queryLimitsPlugin, type QueryLimits } from './protections.ts';

export interface ServerOptions {
  /** Single-account mode: the Dixa client of the account this subgraph serves. */
  dixa?: DixaApi;
  /** Which account a request speaks for (multi-account mode); overrides `dixa`. */
  tenancy?: Tenancy;
  /** Linked accounts: enables the admin API and makes /ready check the store. */
  accounts?: { store: AccountStore; baseUrl: string; pool: Dispatcher };
  /** When set, /graphql requires it in the `x-router-secret` header (only the router may call). */
  routerSecret?: string | null;
  logger: Logger;
  appUrl?: string | null;
  concurrency?: number;
  /** Largest accepted request body. */
  bodyLimit?: string;
  /** Enables admin-only operations for callers sending it as `x-admin-key`. */
  adminKey?: string | null;
  /** Time budget of one GraphQL operation for its Dixa calls, ms. */
  operationDeadlineMs?: number;
  limits?: QueryLimits;
  /** Strings that must never leave the process (API tokens): masked in any error text. */
  secrets?: string[];
  introspection?: boolean;
  /** Other resolvers for the same schema (the benchmark's naive baseline). */
  resolvers?: Resolvers;
  /** Ticket events: the webhook receiver, ticketEvents and push deliveries. */
  events?: { store: EventStore; deliveryIntervalMs?: number; deliveryBaseDelayMs?: number };
  /** Public origin of this subgraph (webhook URLs given to Dixa). */
  publicUrl?: string;
  /** Prometheus metrics, shared with the Dixa clients' onCall (one is made when absent). */
  metrics?: Metrics;
}



export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function operationLog(logger: Logger, metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          const durationMs = performance.now() - started;
          metrics.observeOperation(durationMs / 1000, (errors?.length ?? 0) > 0);
          logger.info({ operationName: operationName ?? null, durationMs: Math.round(durationMs), errors: errors?.length ?? 0 }, 'graphql operation');
        },
      };
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

export async function createServer(options: ServerOptions) {
  const { logger } = options;
  const tenancy = options.tenancy ?? (options.dixa ? singleAccount(options.dixa, '') : null);
  if (!tenancy) throw new Error('createServer needs `dixa` or `tenancy`');
  const staticSecrets = options.secrets ?? [];
  const metrics = options.metrics ?? createMetrics();
  const app = express();
  app.disable('x-powered-by');
  /**
   * POST /graphql — nearly every request — skips Express's router and goes straight to Apollo,
   * as Apollo's standalone server does; everything else (GraphiQL, health, admin…) is Express.
   */
  const httpServer = http.createServer((req, res) => {
    if (req.method !== 'POST' || !(req.url === '/graphql' || req.url?.startsWith('/graphql?'))) return void app(req, res);
    if (!routerGuard(req, res)) return;
    jsonBody(req as express.Request, res as express.Response, (error?: unknown) => {
      if (error) return sendHttpError(res, error);
      void executeGraphQL(req, res);
    });
  });

  /** Body-parser and other middleware failures: a typed JSON error, never Express's HTML stack page. */
  function sendHttpError(res: http.ServerResponse, error: unknown) {
    const raw = (error as { status?: unknown } | null)?.status;
    const status = typeof raw === 'number' && raw >= 400 && raw < 500 ? raw : 500;
    if (status === 500) logger.error({ err: error }, 'unhandled HTTP error');
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 500 ? 'INTERNAL' : 'BAD_REQUEST';
    const message = status === 500 ? 'Internal error' : status === 413 ? 'Request body too large' : 'Malformed request body';
    sendJson(res, status, { errors: [{ message, extensions: { code } }] });
  }

  async function executeGraphQL(req: http.IncomingMessage, res: http.ServerResponse) {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    try {
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: new URL(req.url ?? '/', 'http://x').search, body: (req as { body?: unknown }).body },
        context: () => contextFor(req),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') return void res.end(response.body.string);
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      logger.error({ err: error }, 'unhandled GraphQL HTTP error');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL' } }] });
      else res.end();
    }
  }

  const apollo = new ApolloServer<Context>({
    schema: buildSchema(options.resolvers),
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(
      (error) => logger.error({ err: error }, 'unexpected resolver error'),
      () => [...staticSecrets, ...tenancy.secrets],
    ),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No @cacheControl hints in the schema: the default plugin would only wrap every resolver.
      ApolloServerPluginCacheControlDisabled(),
      // Federated tracing (ftv1) for the router, only when the router asks for it.
      ApolloServerPluginInlineTrace({ includeErrors: { masked: true } }),
      operationLog(logger, metrics),
      queryLimitsPlugin(options.limits ?? DEFAULT_LIMITS),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/ready', async (_req, res) => {
    try {
      await options.accounts?.store.ping();
      await options.events?.store.ping();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database' });
    }
  });
  if (options.accounts)
    app.use(adminRouter({ ...options.accounts, tenancy, adminKey: options.adminKey ?? null, logger }));
  const worker = options.events
    ? startDeliveryWorker({ store: options.events.store, logger, intervalMs: options.events.deliveryIntervalMs, baseDelayMs: options.events.deliveryBaseDelayMs })
    : null;
  if (options.events) app.use(webhookRouter({ store: options.events.store, logger, onStored: () => worker?.kick() }));
  app.use(graphiqlRouter('/graphql'));
  const routerGuard = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    if (!options.routerSecret || keyMatches(req.headers['x-router-secret'], options.routerSecret)) return true;
    sendJson(res, 401, { errors: [{ message: 'This subgraph only answers its router', extensions: { code: 'UNAUTHENTICATED' } }] });
    return false;
  };
  const contextFor = async (req: http.IncomingMessage) => {
    const { dixa, accountId } = await tenancy.clientFor(req.headers);
    return createContext(dixa.forRequest(options.operationDeadlineMs ?? 25_000), {
      appUrl: options.appUrl ?? null,
      concurrency: options.concurrency ?? 8,
      isAdmin: keyMatches(req.headers['x-admin-key'], options.adminKey),
      accountId,
      events: options.events?.store ?? null,
      publicUrl: options.publicUrl,
    });
  };
  const jsonBody = express.json({ limit: options.bodyLimit ?? '256kb' });
  // GET /graphql (queries by URL) goes through Express; POST takes the fast path below.
  app.use(
    '/graphql',
    (req, res, next) => (routerGuard(req, res) ? next() : undefined),
    jsonBody,
    expressMiddleware(apollo, { context: async ({ req }) => contextFor(req) }),
  );
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });
  const onError: ErrorRequestHandler = (error, _req, res, _next) => sendHttpError(res, error);
  app.use(onError);

  return {
    app,
    apollo,
    async listen(port: number, host = '0.0.0.0'): Promise<RunningServer> {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const address = httpServer.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' ? 'localhost' : host;
      return {
        url: `http://${shownHost}:${address.port}/graphql`,
        close: async () => {
          worker?.stop();
          await apollo.stop();
        },
      };
    },
  };
}
