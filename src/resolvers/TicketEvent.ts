import type { EventConsumerResolvers, QueryResolvers, TicketEventResolvers } from '../generated/graphql.ts';
import { accountKeyOf } from '../context.ts';
import { graphQLError } from '../errors.ts';
import { mapTicketStatus } from '../mapping/tickets.ts';
import { eventsOf } from '../mutations/events.ts';
import { decodeCursor, encodeCursor } from '../pagination/cursor.ts';
import { validateFirst } from '../pagination/connection.ts';
import { scopeOf } from './lists.ts';

/** Cursors over events hold the event's sequence number: polling from one never misses or repeats. */
export const eventQueries: Pick<QueryResolvers, 'ticketEvents' | 'eventConsumers' | 'eventSubscriptions'> = {
  ticketEvents: async (_, { first, after, filter }, ctx) => {
    const limit = validateFirst(first);
    const scope = scopeOf('ticketEvents', filter ?? null);
    const afterSeq = after ? Number(decodeCursor(scope, after).pageKey ?? 0) : 0;
    const rows = await eventsOf(ctx).list(accountKeyOf(ctx), {
      afterSeq,
      limit: limit + 1,
      types: filter?.types ?? null,
      ticketId: filter?.ticketId ?? null,
      since: filter?.since ? filter.since.toISOString() : null,
    });
    const page = rows.slice(0, limit);
    const edges = page.map((node) => ({ cursor: encodeCursor(scope, { pageKey: String(node.seq), offset: 0 }), node }));
    return {
      edges,
      nodes: page,
      pageInfo: {
        hasNextPage: rows.length > limit,
        hasPreviousPage: after != null,
        startCursor: edges[0]?.cursor ?? null,
        // an empty page keeps the caller's position, so the next poll starts where this one did
        endCursor: edges.at(-1)?.cursor ?? after ?? null,
      },
    };
  },
  eventConsumers: (_, __, ctx) => eventsOf(ctx).consumers(accountKeyOf(ctx)),
  eventSubscriptions: (_, __, ctx) => eventsOf(ctx).subscriptions(accountKeyOf(ctx)),
};

export const TicketEvent: TicketEventResolvers = {
  id: (event) => event.eventId,
  ticket: async (event, _, ctx) => {
    const ticket = await ctx.loaders.ticket.load(event.ticketId);
    if (!ticket) throw graphQLError('NOT_FOUND', `Ticket ${event.ticketId} of event ${event.eventId} no longer exists in Dixa`);
    return ticket;
  },
  status: (event) => (event.status ? mapTicketStatus(event.status) : null),
  previousStatus: (event) => (event.previousStatus ? mapTicketStatus(event.previousStatus) : null),
};

export const EventConsumer: EventConsumerResolvers = {
  deliveries: (consumer, { first }, ctx) => eventsOf(ctx).deliveries(consumer.id, validateFirst(first)),
};
