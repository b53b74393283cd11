/** userErrors: input problems and Dixa's 4xx refusals, each with the input path at fault. */
import { DixaHttpError } from '../dixa/errors.ts';
import type { UserErrorCode, UserErrorModel } from '../mapping/models.ts';

export type FieldPath = Array<string | number>;

export function userError(field: FieldPath | null, message: string, code: UserErrorCode): UserErrorModel {
  return { field: field ? field.map(String) : null, message, code };
}

/** Dixa's 400 messages that mean something more precise than "rejected". */
function codeOf(error: DixaHttpError): UserErrorCode {
  if (error.status === 404) return 'NOT_FOUND';
  const message = error.dixaMessage ?? '';
  if (/already (closed|assigned)|is not closed/i.test(message)) return 'ALREADY_IN_STATE';
  if (/exists|duplicate/i.test(message)) return 'TAKEN';
  return 'REJECTED';
}

/**
 * A Dixa refusal of the request itself (4xx other than auth and rate limiting) becomes a
 * userError; every other failure is rethrown and reaches the caller as a GraphQL error.
 */
export function refusal(error: unknown, field: FieldPath | null): UserErrorModel {
  if (error instanceof DixaHttpError && error.status >= 400 && error.status < 500 && ![401, 403, 429].includes(error.status)) {
    return userError(field, `Dixa refused it: ${error.dixaMessage ?? `HTTP ${error.status}`}`, codeOf(error));
  }
  throw error;
}

/** Runs one Dixa write; a refusal is returned as a userError, anything else propagates. */
export async function attempt<T>(field: FieldPath | null, write: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: UserErrorModel }> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    return { ok: false, error: refusal(error, field) };
  }
}

export function required(value: string | null | undefined, field: FieldPath, what: string): UserErrorModel | null {
  return value?.trim() ? null : userError(field, `${what} is required`, 'REQUIRED');
}
