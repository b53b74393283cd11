import type { QueryResolvers } from '../generated/graphql.ts';
import { PAGE_LIMIT } from '../dixa/assumptions.ts';
import { notFound } from '../errors.ts';
import { parseCommentId } from '../mapping/comments.ts';
import { listConnection, pagedConnection } from '../pagination/connection.ts';
import { mapField, SYSTEM_FIELDS } from '../mapping/fields.ts';
import { mapRole } from '../mapping/directory.ts';
import { TICKET_STATUSES, TICKET_TYPES } from '../mapping/tickets.ts';
import { notNull } from './ids.ts';
import { eventQueries } from './TicketEvent.ts';
import { entityIdArg, ticketIdArg } from './ids.ts';
import { filteredTicketsConnection, idListConnection, scopeOf, throwErrors, ticketSearchConnection } from './lists.ts';
import { validateTicketFilter } from './filters.ts';
import { orNull } from '../loaders/util.ts';
import { names, select, selectNodeFields } from './lookahead.ts';
import { prefetchContactTickets } from './Contact.ts';
import { ticketPrefetch } from './prefetch.ts';

/** Single lookups: an unknown id is `null` plus a NOT_FOUND error (README "Errors"). */
async function found<T>(value: Promise<T | null>, type: string, id: string): Promise<T> {
  const result = await value;
  if (result == null) throw notFound(type, id);
  return result;
}

export const Query: QueryResolvers = {
  ...eventQueries,
  ticket: (_, { id }, ctx, info) => {
    const ticket = ctx.loaders.ticket.load(ticketIdArg(id));
    ticketPrefetch(ctx, info, select(info, []))?.([id]);
    return found(ticket, 'Ticket', id);
  },

  tickets: (_, { first, after, filter }, ctx, info) => {
    const nodeFields = selectNodeFields(info);
    const prefetch = ticketPrefetch(ctx, info, nodeFields);
    if (!filter) return ticketSearchConnection(ctx, { first, after }, undefined, undefined, prefetch, names(nodeFields));
    validateTicketFilter(filter);
    return filteredTicketsConnection(ctx, { first, after }, filter, prefetch, names(nodeFields));
  },

  comment: async (_, { id }, ctx) => {
    const parsed = parseCommentId(id);
    if (!parsed) throw notFound('Comment', id);
    const thread = await orNull(() => ctx.loaders.thread.load(parsed.ticketId));
    return found(Promise.resolve(thread?.find((c) => c.id === id) ?? null), 'Comment', id);
  },

  tag: (_, { id }, ctx) => found(ctx.loaders.tag.load(entityIdArg(id)), 'Tag', id),
  tags: async (_, { first, after, filter }, ctx) => {
    const all = await ctx.loaders.tags.get();
    const list = filter?.isActive == null ? all : all.filter((t) => t.isActive === filter.isActive);
    return listConnection(scopeOf('tags', filter), list, { first, after });
  },

  collection: (_, { id }, ctx) => found(ctx.loaders.collection.load(entityIdArg(id)), 'Collection', id),
  collections: async (_, { first, after }, ctx) =>
    listConnection('collections', await ctx.loaders.collections.get(), { first, after }),

  contact: (_, { id }, ctx, info) => {
    const contact = ctx.loaders.contact.load(entityIdArg(id));
    prefetchContactTickets(ctx, entityIdArg(id), info);
    return found(contact, 'Contact', id);
  },
  contacts: (_, { first, after, filter }, ctx) => {
    const dixaFilter = filter?.email ? { email: filter.email } : {};
    return pagedConnection(
      scopeOf('contacts', filter?.email ?? null),
      { first, after },
      PAGE_LIMIT.endUsers,
      (pageKey, pageLimit) => ctx.loaders.contactPage(dixaFilter, pageKey, pageLimit),
      (users) => ctx.loaders.contact.loadMany(users.map((u) => u.id)).then(throwErrors),
    );
  },

  user: (_, { id }, ctx) => found(ctx.loaders.user.load(entityIdArg(id)), 'User', id),
  users: async (_, { first, after, filter }, ctx) => {
    if (filter?.teamId) {
      const teamId = entityIdArg(filter.teamId, 'filter.teamId');
      let ids = await ctx.loaders.teamMemberIds.load(teamId);
      if (filter.email) {
        const match = await ctx.loaders.userByEmail.load(filter.email);
        ids = ids.filter((id) => id === match?.id);
      }
      return idListConnection(scopeOf('users', filter), ids, { first, after }, (page) => ctx.loaders.user.loadMany(page));
    }
    const dixaFilter = filter?.email ? { email: filter.email } : {};
    return pagedConnection(
      scopeOf('users', filter?.email ?? null),
      { first, after },
      PAGE_LIMIT.agents,
      (pageKey, pageLimit) => ctx.loaders.userPage(dixaFilter, pageKey, pageLimit),
      (agents) => ctx.loaders.user.loadMany(agents.map((a) => a.id)).then(throwErrors),
    );
  },

  ticketStatuses: (_, args) => listConnection('ticketStatuses', TICKET_STATUSES, args),
  ticketTypes: (_, args) => listConnection('ticketTypes', TICKET_TYPES, args),
  fields: async (_, { first, after, filter }, ctx) => {
    const custom = (await ctx.loaders.attributeDefinitions.get()).map(mapField).filter(notNull);
    const all = [...SYSTEM_FIELDS, ...custom].filter(
      (f) => (filter?.entityType == null || f.entityType === filter.entityType) && (filter?.isUserDefined == null || f.isUserDefined === filter.isUserDefined),
    );
    return listConnection(scopeOf('fields', filter), all, { first, after });
  },
  attachment: async (_, { id }, ctx) => {
    const commentPart = /^(\d+:.+):(\d+)$/.exec(id);
    const parsed = commentPart && parseCommentId(commentPart[1]!);
    const thread = parsed ? await orNull(() => ctx.loaders.thread.load(parsed.ticketId)) : null;
    const attachment = thread?.find((c) => c.id === commentPart?.[1])?.attachments.find((a) => a.id === id) ?? null;
    return found(Promise.resolve(attachment), 'Attachment', id);
  },
  groups: async (_, args, ctx) => listConnection('groups', await ctx.loaders.teams.get(), args),
  group: (_, { id }, ctx) => found(ctx.loaders.team.load(entityIdArg(id)), 'Group', id),
  /** Dixa lists no roles: they are the distinct values agents carry (README "Mapping"). */
  roles: async (_, args, ctx) => {
    const { all } = await ctx.loaders.userDirectory.get();
    const ids = [...new Set(all.flatMap((u) => u.roles.map((r) => r.id)))].sort();
    return listConnection('roles', ids.map(mapRole), args);
  },

  team: (_, { id }, ctx) => found(ctx.loaders.team.load(entityIdArg(id)), 'Team', id),
  teams: async (_, { first, after }, ctx) => listConnection('teams', await ctx.loaders.teams.get(), { first, after }),
};
