/** Environment parsing and validation, in one place (CONTRACT.md "Environment"). */
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DIXA_API_TOKEN: optionalString,
  DIXA_API_URL: z.url().default('https://dev.dixa.io'),
  /** Origin of Dixa's agent interface, used to build `Ticket.ticketUrl`. */
  DIXA_APP_URL: z.url().optional(),
  /** Per-request timeout of a Dixa call, ms. */
  DIXA_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Dixa calls one GraphQL request may have in flight for per-id endpoints. */
  DIXA_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Port of the embedded sandbox when no token is set (0 = any free port). */
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Enables admin-only operations (dixaRequest) for callers sending it as `x-admin-key`. */
  ADMIN_API_KEY: z.string().min(16, 'ADMIN_API_KEY needs at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  /** null: no token configured, the embedded sandbox is used. */
  dixa: { token: string; baseUrl: string } | null;
  appUrl: string | null;
  timeoutMs: number;
  concurrency: number;
  sandboxPort: number;
  adminKey: string | null;
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
  return {
    port: e.PORT,
    dixa: e.DIXA_API_TOKEN ? { token: e.DIXA_API_TOKEN, baseUrl: e.DIXA_API_URL } : null,
    appUrl: e.DIXA_APP_URL ?? null,
    timeoutMs: e.DIXA_TIMEOUT_MS,
    concurrency: e.DIXA_CONCURRENCY,
    sandboxPort: e.SANDBOX_PORT,
    adminKey: e.ADMIN_API_KEY ?? null,
    logLevel: e.LOG_LEVEL,
  };
}
