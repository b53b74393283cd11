/**
 * The subgraph in a supergraph: its SDL composes with a second subgraph, and a real gateway
 * serves queries that cross both, with batched entity fetches and the account header forwarded.
 */
import { composeServices } from '@apollo/composition';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDERS_SDL, startOrdersSubgraph } from './support/orders-subgraph.ts';
import { startHarness, type Harness } from './harness.ts';

let dixa: Harness;
let orders: Awaited<ReturnType<typeof startOrdersSubgraph>>;
let gateway: ApolloServer;
let gatewayUrl: string;
const subgraphRequests: Array<{ name: string; query: string; headers: Record<string, string> }> = [];
let customers: Array<{ id: string; email: string; displayName: string }>;

beforeAll(async () => {
  dixa = await startHarness();
  const org = dixa.sandbox.orgs.get(dixa.sandbox.token)!;
  customers = [...org.endUsers.values()].slice(0, 6).map((u) => ({ id: u.id, email: u.email!, displayName: u.displayName! }));
  const someTicket = [...org.conversations.values()].find((c) => c.requesterId === customers[0]!.id)!;
  orders = await startOrdersSubgraph(
    customers.flatMap((c, i) => [
      { id: `o-${i}-1`, total: 10 + i, customerEmail: c.email.toUpperCase(), ticketId: i === 0 ? String(someTicket.id) : null },
      { id: `o-${i}-2`, total: 20 + i, customerEmail: c.email, ticketId: null },
    ]),
  );
  const gw = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs: [{ name: 'dixa', url: dixa.url }, { name: 'orders', url: orders.url }] }),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request, context }) {
          const account = (context as { account?: string }).account;
          if (account) request.http?.headers.set('x-dixa-account', account);
          subgraphRequests.push({ name: name!, query: request.query ?? '', headers: Object.fromEntries(request.http?.headers ?? []) });
        },
      }),
  });
  gateway = new ApolloServer({ gateway: gw });
  ({ url: gatewayUrl } = await startStandaloneServer(gateway, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ account: req.headers['x-dixa-account'] }),
  }));
}, 30_000);
afterAll(async () => {
  await gateway?.stop();
  await orders?.stop();
  await dixa?.close();
});

async function viaGateway(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: any[] };
}

describe('composition', () => {
  it('composes with a second subgraph without errors or hints that signal mistakes', async () => {
    const sdl = (await dixa.gql('{ _service { sdl } }')).data!._service.sdl as string;
    const result = composeServices([
      { name: 'dixa', typeDefs: parse(sdl), url: dixa.url },
      { name: 'orders', typeDefs: parse(ORDERS_SDL), url: orders.url },
    ]);
    expect(result.errors ?? []).toEqual([]);
    // No hint at all: the shared Contact/Ticket fields and the EmailAddress scalar agree across
    // subgraphs (a first version of this test caught an `email: EmailAddress!` vs nullable mismatch).
    expect((result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`)).toEqual([]);
    expect(result.supergraphSdl).toContain('join__type(graph: DIXA, key: "email")');
  });
});

describe('through a gateway', () => {
  it('orders → contact (by e-mail) → tickets → comments, with one batched _entities fetch', async () => {
    subgraphRequests.length = 0;
    dixa.sandbox.calls.reset();
    const res = await viaGateway(`{ orders { id total customer { email name tickets(first: 3) { nodes { id comments(first: 2) { nodes { body } } } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.orders).toHaveLength(12);
    for (const order of res.data.orders) {
      const customer = customers.find((c) => c.email.toLowerCase() === order.customer.email.toLowerCase())!;
      expect(order.customer.name).toBe(customer.displayName);
      expect(order.customer.tickets.nodes.length).toBeGreaterThan(0);
    }
    const toDixa = subgraphRequests.filter((r) => r.name === 'dixa');
    expect(toDixa).toHaveLength(1); // all 12 customers in one _entities request
    expect(toDixa[0]!.query).toContain('_entities');
    // each distinct e-mail looked up once, case-insensitively (6 customers, 12 orders)
    expect(dixa.sandbox.calls.count('GET /v1/endusers')).toBe(6);
    expect(dixa.sandbox.calls.duplicates()).toEqual([]);
  });

  it('ticket → orders crosses the other way', async () => {
    const order = (await viaGateway('{ orders { id ticket { id } } }')).data.orders.find((o: any) => o.ticket);
    const res = await viaGateway('query($id: ID!) { ticket(id: $id) { id subject orders { id total } } }', { id: order.ticket.id });
    expect(res.errors).toBeUndefined();
    expect(res.data.ticket.orders).toEqual([{ id: order.id, total: 10 }]);
    expect(orders.stats.entityRequests).toBeGreaterThan(0);
  });

  it('the account header set at the gateway reaches the subgraph', async () => {
    subgraphRequests.length = 0;
    await viaGateway('{ tickets(first: 1) { nodes { id } } }', undefined, { 'x-dixa-account': 'acct-123' });
    expect(subgraphRequests.find((r) => r.name === 'dixa')!.headers['x-dixa-account']).toBe('acct-123');
  });
});
