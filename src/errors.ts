/**
 * GraphQL errors the subgraph returns, by `extensions.code` (CONTRACT.md). Dixa client failures
 * are translated in one place (`toGraphQLError`), so no resolver formats upstream errors itself.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DixaCircuitOpenError, DixaError, DixaHttpError, DixaRateLimitedError } from './dixa/errors.ts';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX'
  | 'INTERNAL';

export function graphQLError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badUserInput = (message: string, extensions?: Record<string, unknown>) =>
  graphQLError('BAD_USER_INPUT', message, extensions);

export const notFound = (type: string, id: string) =>
  graphQLError('NOT_FOUND', `${type} ${JSON.stringify(id)} was not found`, { type, id });

/** Translates a Dixa client failure into the error a GraphQL caller should see. */
export function dixaToGraphQLError(error: DixaError): GraphQLError {
  if (error instanceof DixaHttpError) {
    const { status } = error;
    if (status === 401 || status === 403)
      return graphQLError('UNAUTHENTICATED', 'Dixa rejected the API credentials of this account');
    if (status === 404) return graphQLError('NOT_FOUND', 'Dixa could not find an entity of this request');
    if (status === 429)
      return graphQLError('RATE_LIMITED', 'Dixa rate limit reached; retry later', {
        retryAfterSeconds: error.retryAfterSeconds ?? 1,
      });
    if (status >= 400 && status < 500)
      return graphQLError('BAD_USER_INPUT', `Dixa refused the request: ${error.dixaMessage ?? `HTTP ${status}`}`);
    return graphQLError('UPSTREAM_UNAVAILABLE', `Dixa failed (HTTP ${status}) on ${error.operation}`);
  }
  if (error instanceof DixaRateLimitedError)
    return graphQLError('RATE_LIMITED', 'Dixa rate limit: this operation would have to wait past its deadline; retry later', {
      retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterSeconds)),
    });
  if (error instanceof DixaCircuitOpenError)
    return graphQLError('UPSTREAM_UNAVAILABLE', 'Dixa has been failing; calls are paused for a moment', {
      retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterSeconds)),
    });
  switch (error.kind) {
    case 'timeout':
      return graphQLError('UPSTREAM_UNAVAILABLE', `Dixa did not answer in time on ${error.operation}`);
    case 'network':
      return graphQLError('UPSTREAM_UNAVAILABLE', `Dixa could not be reached on ${error.operation}`);
    case 'decode':
      return graphQLError('UPSTREAM_UNAVAILABLE', `Dixa sent an unexpected response on ${error.operation}`);
    case 'outcome-unknown':
      return graphQLError('UPSTREAM_UNAVAILABLE', error.message, { outcomeUnknown: true });
    default:
      return graphQLError('INTERNAL', 'Internal error');
  }
}

const KNOWN_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  'INTERNAL',
  // Apollo Server's own request-level codes
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Apollo `formatError`: Dixa failures get their code; errors we raised on purpose pass; anything
 * else (a bug) becomes INTERNAL with a fixed message, reported through `onInternal`.
 */
export function createFormatError(onInternal: (error: unknown) => void, secrets: () => readonly string[] = () => []) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => maskSecrets(secrets())(format(formatted, error));
  function format(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = unwrapResolverError(error);
    if (original instanceof DixaError) {
      const mapped = dixaToGraphQLError(original);
      return { ...formatted, message: mapped.message, extensions: mapped.extensions };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    onInternal(original);
    return { message: 'Internal error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL' } };
  }
}

/** Defense in depth: whatever an error says, a configured secret never leaves in it. */
export function maskSecrets(secrets: readonly string[]) {
  const live = secrets.filter((s) => s.length >= 4);
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    if (!live.length) return formatted;
    const text = JSON.stringify(formatted);
    if (!live.some((secret) => text.includes(secret))) return formatted;
    let masked = text;
    for (const secret of live) masked = masked.split(JSON.stringify(secret).slice(1, -1)).join('[redacted]');
    return JSON.parse(masked) as GraphQLFormattedError;
  };
}
