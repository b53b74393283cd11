/**
 * SLA figures from a ticket's thread (README "SLA fields"):
 * - firstResponseAt: the first outbound (agent) message after the contact's first inbound message;
 *   notes and automated messages do not count;
 * - firstResponseTime: seconds from the ticket's createdAt to firstResponseAt;
 * - resolutionTime: seconds from createdAt to closedAt, for closed tickets;
 * - messageCount: messages, notes excluded.
 */
import type { CommentModel, TicketModel } from './models.ts';

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

function isAutomated(comment: CommentModel): boolean {
  const attributes = (comment.remoteData as { attributes?: { isAutomated?: boolean | null } }).attributes;
  return attributes?.isAutomated === true;
}

export function firstResponseAt(thread: readonly CommentModel[]): string | null {
  const messages = thread.filter((c) => !c.isPrivate && !isAutomated(c));
  const firstInbound = messages.findIndex((c) => c.author?.kind === 'Contact');
  if (firstInbound < 0) return null;
  return messages.slice(firstInbound + 1).find((c) => c.author?.kind === 'User')?.createdAt ?? null;
}

export function firstResponseTime(ticket: TicketModel, thread: readonly CommentModel[]): number | null {
  const at = firstResponseAt(thread);
  return at ? seconds(ticket.createdAt, at) : null;
}

export function resolutionTime(ticket: TicketModel): number | null {
  return ticket.closedAt ? seconds(ticket.createdAt, ticket.closedAt) : null;
}

export function messageCount(thread: readonly CommentModel[]): number {
  return thread.filter((c) => !c.isPrivate).length;
}
