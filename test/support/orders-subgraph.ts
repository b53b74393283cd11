/**
 * A small second subgraph ("orders") for supergraph tests: it extends Contact (by e-mail) and
 * Ticket (by id) with orders, and references both back. It counts the `_entities` calls it gets.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

export interface Order {
  id: string;
  total: number;
  customerEmail: string;
  ticketId: string | null;
}

export const ORDERS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

  scalar EmailAddress

  type Order @key(fields: "id") {
    id: ID!
    total: Float!
    customer: Contact!
    ticket: Ticket
  }

  # nullable as in the dixa subgraph (a Dixa end user may have no e-mail)
  type Contact @key(fields: "email") {
    email: EmailAddress
    orders: [Order!]!
  }

  type Ticket @key(fields: "id") {
    id: ID!
    orders: [Order!]!
  }

  type Query {
    orders: [Order!]!
    order(id: ID!): Order
  }
`;

export async function startOrdersSubgraph(orders: Order[]) {
  const stats = { entityRequests: 0, operations: 0 };
  const lower = (s: string) => s.toLowerCase();
  const server = new ApolloServer({
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(ORDERS_SDL),
        resolvers: {
          Query: { orders: () => orders, order: (_: unknown, { id }: { id: string }) => orders.find((o) => o.id === id) ?? null },
          Order: {
            __resolveReference: (ref: { id: string }) => orders.find((o) => o.id === ref.id) ?? null,
            customer: (o: Order) => ({ email: o.customerEmail }),
            ticket: (o: Order) => (o.ticketId ? { id: o.ticketId } : null),
          },
          Contact: {
            __resolveReference: (ref: { email: string }) => ({ email: ref.email }),
            orders: (c: { email: string }) => orders.filter((o) => lower(o.customerEmail) === lower(c.email)),
          },
          Ticket: {
            __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
            orders: (t: { id: string }) => orders.filter((o) => o.ticketId === t.id),
          },
        } as never,
      },
    ]),
    plugins: [
      {
        async requestDidStart({ request }) {
          stats.operations++;
          if (request.query?.includes('_entities')) stats.entityRequests++;
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stats, stop: () => server.stop() };
}
