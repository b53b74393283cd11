/**
 * When a failed Dixa call is tried again. Idempotent calls retry on 429, 5xx, network errors and
 * timeouts; a non-idempotent call (a create) retries only when Dixa certainly did not process it:
 * a 429 (refused before processing) or a connection that was never established.
 */
import { DixaError, DixaHttpError, DixaNetworkError } from './errors.ts';

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 };

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/** A failure before the request could have reached Dixa (no connection was made). */
export function wasNotSent(error: DixaError): boolean {
  return error instanceof DixaNetworkError && error.code !== undefined && NOT_SENT.has(error.code);
}

export function decideRetry(
  error: DixaError,
  call: { idempotent: boolean; attempt: number },
  options: RetryOptions,
  random: () => number = Math.random,
): { retry: false } | { retry: true; delayMs: number } {
  if (call.attempt >= options.maxAttempts) return { retry: false };
  const backoff = () => Math.round(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (call.attempt - 1)));
  if (error instanceof DixaHttpError) {
    if (error.status === 429) {
      const delayMs = error.retryAfterSeconds !== undefined ? Math.min(options.maxDelayMs, error.retryAfterSeconds * 1000) : backoff();
      return { retry: true, delayMs };
    }
    if (error.status >= 500 && call.idempotent) return { retry: true, delayMs: backoff() };
    return { retry: false };
  }
  if (call.idempotent) return { retry: true, delayMs: backoff() };
  if (wasNotSent(error)) return { retry: true, delayMs: backoff() };
  return { retry: false };
}
