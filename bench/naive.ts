/**
 * The naive baseline: the same schema with resolvers that fetch what each field needs, one REST
 * call per field and parent, with no DataLoader, no list endpoints and no priming — what a plain
 * REST-wrapping resolver (or a generic REST→GraphQL tool) does. Only the fields the benchmark
 * queries touch are implemented; everything else falls back to the real resolvers.
 */
import type { Resolvers } from '../src/generated/graphql.ts';
import { mapCollection, mapTag } from '../src/mapping/catalog.ts';
import { mergeThread } from '../src/mapping/comments.ts';
import { mapContact, mapTeam, mapUser } from '../src/mapping/directory.ts';
import { mapTicket } from '../src/mapping/tickets.ts';
import { listConnection } from '../src/pagination/connection.ts';
import { resolvers } from '../src/resolvers/index.ts';

const orNull = async <T>(p: Promise<T>): Promise<T | null> => p.catch(() => null);

export const naiveResolvers: Resolvers = {
  ...resolvers,
  Query: {
    ...resolvers.Query,
    tickets: async (_, { first, after }, { dixa }) => {
      const want = first ?? 25;
      const hits: Array<{ id: number }> = [];
      let pageKey = after ?? null;
      do {
        const page = await dixa.searchConversations({}, { pageKey, pageLimit: Math.min(want - hits.length, 50) });
        hits.push(...page.items);
        pageKey = page.nextPageKey;
      } while (pageKey && hits.length < want);
      const tickets = await Promise.all(hits.map(async (hit) => mapTicket(await dixa.getConversation(hit.id))));
      return { ...listConnection('naive', tickets, { first: tickets.length }), pageInfo: { hasNextPage: pageKey != null, hasPreviousPage: false, startCursor: null, endCursor: pageKey } };
    },
    contact: async (_, { id }, { dixa }) => mapContact(await dixa.getEndUser(id)),
  },
  Ticket: {
    ...resolvers.Ticket,
    contact: async (t, _, { dixa }) => mapContact(await dixa.getEndUser(t.contactId)),
    assignees: async (t, _, { dixa }) => (t.assigneeId ? [mapUser(await dixa.getAgent(t.assigneeId))] : []),
    collection: async (t, _, { dixa }) => (t.queueId ? mapCollection(await dixa.getQueue(t.queueId)) : null),
    tags: async (t, _, { dixa }) => (await dixa.listConversationTags(t.conversationId)).map(mapTag),
    comments: async (t, args, { dixa }) => {
      const [messages, notes] = await Promise.all([dixa.listConversationMessages(t.conversationId), dixa.listConversationNotes(t.conversationId)]);
      return listConnection(`naive:${t.id}`, mergeThread(messages, notes, t.id), args);
    },
  },
  Contact: {
    ...resolvers.Contact,
    __resolveReference: async (ref, { dixa }) => {
      const email = 'email' in ref ? ref.email : undefined;
      if (email) return orNull(dixa.listEndUsers({ email }, { pageLimit: 1 }).then((p) => (p.items[0] ? mapContact(p.items[0]) : null)));
      return orNull(dixa.getEndUser((ref as { id: string }).id).then(mapContact));
    },
    tickets: async (c, args, { dixa }) => {
      const page = await dixa.listEndUserConversations(c.id, { pageLimit: args.first ?? 25 });
      const tickets = page.items.map(mapTicket);
      return listConnection('naive', tickets, { first: tickets.length });
    },
  },
  Comment: {
    ...resolvers.Comment,
    author: async (c, _, { dixa }) => {
      if (!c.author) return null;
      return c.author.kind === 'User' ? orNull(dixa.getAgent(c.author.id).then(mapUser)) : orNull(dixa.getEndUser(c.author.id).then(mapContact));
    },
  },
  User: {
    ...resolvers.User,
    teams: async (u, _, { dixa }) => Promise.all((await dixa.listAgentTeams(u.id)).map(async (t) => mapTeam(await dixa.getTeam(t.id)))),
  },
};
