import type { TicketResolvers } from '../generated/graphql.ts';
import { listConnection } from '../pagination/connection.ts';
import * as sla from '../mapping/sla.ts';
import { isTicketId, notNull } from './ids.ts';
import { names, select } from './lookahead.ts';
import { ticketPrefetch } from './prefetch.ts';
import { prefetchTeamsOf } from './User.ts';

export const Ticket: TicketResolvers = {
  __resolveReference: (ref, ctx, info) => {
    if (!isTicketId(ref.id)) return null;
    const ticket = ctx.loaders.ticket.load(ref.id);
    ticketPrefetch(ctx, info, select(info, [], 'Ticket'))?.([ref.id]);
    return ticket;
  },
  description: async (ticket, _, ctx) =>
    (await ctx.loaders.thread.load(ticket.id)).find((comment) => !comment.isPrivate)?.body ?? null,
  contact: (ticket, _, ctx) => ctx.loaders.contact.load(ticket.contactId),
  assignees: async (ticket, _, ctx, info) => {
    if (!ticket.assigneeId) return [];
    const user = ctx.loaders.user.load(ticket.assigneeId);
    // The assignee's teams need only its id: fetched with the agent, not after it.
    const wanted = names(select(info, []));
    if (wanted.has('teams') || wanted.has('groups')) prefetchTeamsOf(ctx, ticket.assigneeId);
    return [await user].filter(notNull);
  },
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
