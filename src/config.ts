/** Environment parsing and validation, in one place (CONTRACT.md "Environment"). */
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DIXA_API_TOKEN: optionalString,
  DIXA_API_URL: z.url().optional(),
  /** Origin of Dixa's agent interface, used to build `Ticket.ticketUrl`. */
  DIXA_APP_URL: z.url().optional(),
  /** Per-request timeout of a Dixa call, ms. */
  DIXA_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Dixa calls one GraphQL request may have in flight for per-id endpoints. */
  DIXA_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Time budget of one GraphQL operation for its Dixa calls (queueing, retries included), ms. */
  OPERATION_DEADLINE_MS: z.coerce.number().int().positive().default(25_000),
  /** Client-side rate limit per Dixa token (Dixa: 10/s, burst 4). */
  DIXA_RATE_LIMIT: z.coerce.number().positive().default(10),
  DIXA_RATE_BURST: z.coerce.number().int().positive().default(4),
  /** Calls that may queue for a rate-limit slot at once (per token). */
  DIXA_RATE_QUEUE: z.coerce.number().int().positive().default(500),
  DIXA_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(12),
  MAX_QUERY_COST: z.coerce.number().int().positive().default(25_000),
  MAX_QUERY_ALIASES: z.coerce.number().int().nonnegative().default(30),
  /** Introspection is on (a subgraph sits behind a router); set false to turn it off. */
  INTROSPECTION: z.enum(['true', 'false']).default('true'),
  /** Port of the embedded sandbox when no token is set (0 = any free port). */
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** PostgreSQL for linked accounts; unset → embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalString,
  /** Base64 32-byte key(s), comma-separated, newest first; setting it turns on multi-account mode. */
  ACCOUNT_ENCRYPTION_KEY: optionalString,
  DATA_DIR: z.string().default('.data'),
  /** Shared rate-limit budget across replicas; unset → in-process limiter. */
  REDIS_URL: optionalString,
  /** Public origin of this subgraph, for the webhook URLs it registers with Dixa. */
  PUBLIC_URL: z.url().optional(),
  /** When set, /graphql answers only requests carrying it as `x-router-secret`. */
  ROUTER_SECRET: optionalString,
  /** Enables admin-only operations (dixaRequest) for callers sending it as `x-admin-key`. */
  ADMIN_API_KEY: z.string().min(16, 'ADMIN_API_KEY needs at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

export const DEFAULT_DIXA_API_URL = 'https://dev.dixa.io';

export interface Config {
  port: number;
  /** Origin of the Dixa API; null: neither a token nor a URL is configured, the embedded sandbox is used. */
  dixaBaseUrl: string | null;
  /** Single-account mode's token. */
  dixaToken: string | null;
  /** Multi-account mode (linked accounts) when set. */
  accounts: { encryptionKey: string } | null;
  routerSecret: string | null;
  publicUrl: string;
  redisUrl: string | null;
  databaseUrl: string | null;
  dataDir: string;
  appUrl: string | null;
  timeoutMs: number;
  concurrency: number;
  sandboxPort: number;
  adminKey: string | null;
  operationDeadlineMs: number;
  rateLimit: { ratePerSecond: number; burst: number; maxQueue: number };
  retryMaxAttempts: number;
  limits: { maxDepth: number; maxCost: number; maxAliases: number };
  introspection: boolean;
  logLevel: Env['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variables, never echo their values (one of them is a secret).
    const names = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))];
    throw new ConfigError(`Invalid environment: ${names.join(', ')} (${parsed.error.issues.map((i) => i.message).join('; ')})`);
  }
  const e = parsed.data;
  if (!e.DIXA_API_TOKEN && e.DIXA_API_URL && !e.ACCOUNT_ENCRYPTION_KEY)
    throw new ConfigError('DIXA_API_URL is set but DIXA_API_TOKEN is not (or set ACCOUNT_ENCRYPTION_KEY for linked accounts)');
  const useSandbox = !e.DIXA_API_TOKEN && !e.DIXA_API_URL;
  return {
    port: e.PORT,
    dixaBaseUrl: useSandbox ? null : (e.DIXA_API_URL ?? DEFAULT_DIXA_API_URL),
    dixaToken: e.DIXA_API_TOKEN ?? null,
    accounts: e.ACCOUNT_ENCRYPTION_KEY ? { encryptionKey: e.ACCOUNT_ENCRYPTION_KEY } : null,
    routerSecret: e.ROUTER_SECRET ?? null,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    redisUrl: e.REDIS_URL ?? null,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.DATA_DIR,
    appUrl: e.DIXA_APP_URL ?? null,
    timeoutMs: e.DIXA_TIMEOUT_MS,
    concurrency: e.DIXA_CONCURRENCY,
    sandboxPort: e.SANDBOX_PORT,
    adminKey: e.ADMIN_API_KEY ?? null,
    operationDeadlineMs: e.OPERATION_DEADLINE_MS,
    rateLimit: { ratePerSecond: e.DIXA_RATE_LIMIT, burst: e.DIXA_RATE_BURST, maxQueue: e.DIXA_RATE_QUEUE },
    retryMaxAttempts: e.DIXA_RETRY_MAX_ATTEMPTS,
    limits: { maxDepth: e.MAX_QUERY_DEPTH, maxCost: e.MAX_QUERY_COST, maxAliases: e.MAX_QUERY_ALIASES },
    introspection: e.INTROSPECTION === 'true',
    logLevel: e.LOG_LEVEL,
  };
}
