import type { TicketResolvers } from '../generated/graphql.ts';
import { listConnection } from '../pagination/connection.ts';
import * as sla from '../mapping/sla.ts';
import { isTicketId, notNull } from './ids.ts';

export const Ticket: TicketResolvers = {
  __resolveReference: (ref, ctx) => (isTicketId(ref.id) ? ctx.loaders.ticket.load(ref.id) : null),
  description: async (ticket, _, ctx) =>
    (await ctx.loaders.thread.load(ticket.id)).find((comment) => !comment.isPrivate)?.body ?? null,
  contact: (ticket, _, ctx) => ctx.loaders.contact.load(ticket.contactId),
  assignees: async (ticket, _, ctx) =>
    ticket.assigneeId ? [await ctx.loaders.user.load(ticket.assigneeId)].filter(notNull) : [],
  collection: (ticket, _, ctx) => (ticket.queueId ? ctx.loaders.collection.load(ticket.queueId) : null),
  tags: (ticket, _, ctx) => ctx.loaders.ticketTags.load(ticket.id),
  comments: async (ticket, args, ctx) =>
    listConnection(`ticket:${ticket.id}:comments`, await ctx.loaders.thread.load(ticket.id), args),
  firstResponseAt: async (ticket, _, ctx) => sla.firstResponseAt(await ctx.loaders.thread.load(ticket.id)),
  firstResponseTime: async (ticket, _, ctx) => sla.firstResponseTime(ticket, await ctx.loaders.thread.load(ticket.id)),
  resolutionTime: (ticket) => sla.resolutionTime(ticket),
  messageCount: async (ticket, _, ctx) => sla.messageCount(await ctx.loaders.thread.load(ticket.id)),
  ticketUrl: (ticket, _, ctx) => (ctx.appUrl ? `${ctx.appUrl.replace(/\/$/, '')}/conversation/${ticket.id}` : null),
};
