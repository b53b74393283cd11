/** Typed failures of the Dixa client. Messages never contain the API token or request bodies. */

export type DixaErrorKind = 'http' | 'network' | 'timeout' | 'decode' | 'outcome-unknown' | 'rate-limited' | 'circuit-open';

export abstract class DixaError extends Error {
  abstract readonly kind: DixaErrorKind;
  constructor(
    message: string,
    /** HTTP method and path template, e.g. `GET /v1/conversations/{id}`. */
    readonly operation: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Dixa answered with a non-2xx status. `dixaMessage` is the `message` of Dixa's error body. */
export class DixaHttpError extends DixaError {
  readonly kind = 'http';
  constructor(
    operation: string,
    readonly status: number,
    readonly dixaMessage: string | undefined,
    /** Seconds from a Retry-After header, when Dixa sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Dixa ${operation} answered ${status}${dixaMessage ? `: ${dixaMessage}` : ''}`, operation);
  }
}

/** The connection failed before a response arrived (refused, reset, DNS). */
export class DixaNetworkError extends DixaError {
  readonly kind = 'network';
  constructor(
    operation: string,
    readonly code: string | undefined,
  ) {
    super(`Dixa ${operation} failed: network error${code ? ` (${code})` : ''}`, operation);
  }
}

export class DixaTimeoutError extends DixaError {
  readonly kind = 'timeout';
  constructor(
    operation: string,
    readonly timeoutMs: number,
  ) {
    super(`Dixa ${operation} timed out after ${timeoutMs} ms`, operation);
  }
}

/** Dixa answered 2xx but the body was not JSON or not the shape we rely on. */
export class DixaDecodeError extends DixaError {
  readonly kind = 'decode';
  constructor(
    operation: string,
    readonly detail: string,
  ) {
    super(`Dixa ${operation} returned an unexpected response: ${detail}`, operation);
  }
}

/**
 * A non-idempotent request (a create) may have reached Dixa but no answer came back; it is not
 * re-sent, because that could create a duplicate.
 */
export class DixaOutcomeUnknownError extends DixaError {
  readonly kind = 'outcome-unknown';
  constructor(operation: string, cause: string) {
    super(`Dixa ${operation}: outcome unknown (${cause}); not retried to avoid a duplicate`, operation);
  }
}

/** Our own rate limiter refused to wait: the next slot for this token is past the operation's deadline. */
export class DixaRateLimitedError extends DixaError {
  readonly kind = 'rate-limited';
  constructor(
    operation: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`Dixa rate limit: ${operation} would have to wait ${retryAfterSeconds.toFixed(1)} s`, operation);
  }
}

/** Dixa has been failing: calls are paused for a while (circuit breaker). */
export class DixaCircuitOpenError extends DixaError {
  readonly kind = 'circuit-open';
  constructor(
    operation: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`Dixa is failing; ${operation} not attempted (circuit open)`, operation);
  }
}
