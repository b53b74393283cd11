/** Argument checks for ids, done before any Dixa call. */
import { badUserInput } from '../errors.ts';

/** Conversation ids are int64 in Dixa; anything else is refused here rather than by Dixa. */
export function ticketIdArg(id: string, argumentName = 'id'): string {
  if (!isTicketId(id)) throw badUserInput(`${argumentName} must be a Dixa conversation id (digits), got ${JSON.stringify(id)}`, { argumentName });
  return id;
}

export function isTicketId(id: string): boolean {
  return /^[1-9]\d{0,17}$/.test(id);
}

/** Uuid-style Dixa ids (end users, agents, teams, queues, tags) are opaque; only emptiness is refused. */
export function entityIdArg(id: string, argumentName = 'id'): string {
  const trimmed = id.trim();
  if (!trimmed || trimmed.length > 200) throw badUserInput(`${argumentName} must be a non-empty Dixa id`, { argumentName });
  return trimmed;
}

export function notNull<T>(value: T | null | undefined): value is T {
  return value != null;
}
