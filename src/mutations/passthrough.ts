/** `dixaRequest`: the admin-only raw passthrough for what the unified model lacks. */
import type { Context } from '../context.ts';
import type { HttpMethod } from '../generated/graphql.ts';
import { badUserInput, graphQLError } from '../errors.ts';

/** Only Dixa v1 API paths: no scheme, no host, no `..`, no query string (use `query`). */
const V1_PATH = /^\/v1\/(?:[A-Za-z0-9._~%-]+\/?)*$/;

export async function dixaRequest(
  ctx: Context,
  args: { method: HttpMethod; path: string; query?: unknown; body?: unknown },
): Promise<unknown> {
  if (!ctx.isAdmin) throw graphQLError('FORBIDDEN', 'dixaRequest needs the admin key (x-admin-key header)');
  if (!V1_PATH.test(args.path) || args.path.split('/').some((segment) => segment === '..' || segment === '.'))
    throw badUserInput('path must be a Dixa API path under /v1/ (no host, no query string, no dot segments)', { argumentName: 'path' });
  if (args.query != null && (typeof args.query !== 'object' || Array.isArray(args.query)))
    throw badUserInput('query must be an object of query parameters', { argumentName: 'query' });
  if (args.body != null && args.method === 'GET') throw badUserInput('a GET has no body', { argumentName: 'body' });
  const response = await ctx.dixa.raw({
    method: args.method,
    path: args.path,
    query: (args.query ?? undefined) as Record<string, string> | undefined,
    body: args.body ?? undefined,
  });
  return response.body;
}
