/**
 * The event loop end to end: a close through the API makes the sandbox deliver a Dixa webhook,
 * the subgraph stores one STATUS_CHANGED event (idempotently), serves it through ticketEvents
 * with a cursor, and pushes one signed delivery to a consumer — again after a 500.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedded, type Sql } from '../src/accounts/sql.ts';
import { DixaClient } from '../src/dixa/client.ts';
import { verifySignature } from '../src/events/signing.ts';
import { EventStore } from '../src/events/store.ts';
import { createLogger } from '../src/logger.ts';
import { createSandbox, type Sandbox } from '../src/sandbox/server.ts';
import { createServer, type ServerOptions } from '../src/server.ts';

let sandbox: Sandbox;
let sql: Sql;
let dir: string;
let url: string;
let origin: string;
let close: () => Promise<void>;
const received: Array<{ body: string; signature: string | undefined }> = [];
let consumerUrl: string;
let consumerAnswers = [500];
const consumer = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ body, signature: req.headers['x-dixa-subgraph-signature'] as string | undefined });
    res.writeHead(consumerAnswers.shift() ?? 200).end();
  });
});

async function gql(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: any[] };
}
async function until<T>(what: () => T | undefined | false, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = what();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
const eventCount = async () => Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM ticket_events'))[0]!.n);

beforeAll(async () => {
  sandbox = await createSandbox();
  dir = mkdtempSync(join(tmpdir(), 'dixa-events-'));
  sql = await embedded(dir);
  const store = new EventStore(sql);
  await store.migrate();
  const options: ServerOptions = {
    dixa: new DixaClient({ baseUrl: sandbox.url, token: sandbox.token }),
    logger: createLogger('silent'),
    events: { store, deliveryIntervalMs: 50, deliveryBaseDelayMs: 50 },
  };
  const server = await createServer(options);
  const running = await server.listen(0, '127.0.0.1');
  url = running.url;
  origin = new URL(url).origin;
  options.publicUrl = origin; // known once listening
  close = running.close;
  await new Promise<void>((r) => consumer.listen(0, '127.0.0.1', r));
  consumerUrl = `http://127.0.0.1:${(consumer.address() as AddressInfo).port}/hooks`;
}, 30_000);
afterAll(async () => {
  await close();
  await sql.close();
  await sandbox.close();
  consumer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ticket events', () => {
  let secret = '';
  let subscriptionId = '';
  let ticketId = '';

  it('subscribes the Dixa organisation and registers a consumer', async () => {
    const sub = await gql('mutation { subscribeTicketEvents { subscription { id dixaWebhookId events } userErrors { code } } }');
    expect(sub.data!.subscribeTicketEvents.userErrors).toEqual([]);
    subscriptionId = sub.data!.subscribeTicketEvents.subscription.id;
    const hooks = [...sandbox.orgs.get(sandbox.token)!.webhooks.values()];
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.id).toBe(sub.data!.subscribeTicketEvents.subscription.dixaWebhookId);
    expect(hooks[0]!.url.startsWith(`${origin}/webhooks/dixa/${subscriptionId}/`)).toBe(true);
    expect(hooks[0]!.events).toContain('ConversationClosed');

    const reg = await gql('mutation($u: URL!) { registerEventConsumer(input: { url: $u, types: [STATUS_CHANGED] }) { consumer { id types } secret userErrors { code } } }', { u: consumerUrl });
    secret = reg.data!.registerEventConsumer.secret;
    expect(secret.length).toBeGreaterThan(20);
  });

  it('closing a ticket stores one STATUS_CHANGED event and pushes it, retrying after a 500', async () => {
    const open = [...sandbox.orgs.get(sandbox.token)!.conversations.values()].find((c) => c.state === 'Open')!;
    ticketId = String(open.id);
    const closed = await gql('mutation($id: ID!) { closeTicket(input: { id: $id }) { userErrors { code } } }', { id: ticketId });
    expect(closed.data!.closeTicket.userErrors).toEqual([]);

    await until(() => received.length >= 2);
    expect(received[0]!.body).toBe(received[1]!.body); // the same event, delivered again after the 500
    for (const r of received) expect(verifySignature(secret, r.body, r.signature)).toBe(true);
    expect(verifySignature('wrong-secret', received[1]!.body, received[1]!.signature)).toBe(false);
    expect(JSON.parse(received[1]!.body)).toMatchObject({ type: 'STATUS_CHANGED', ticketId, status: 'Closed', previousStatus: null });

    const events = await gql('{ ticketEvents { nodes { id type occurredAt status { category } previousStatus { id } ticket { id status { category } } raw } pageInfo { endCursor hasNextPage } } }');
    expect(events.errors).toBeUndefined();
    expect(events.data!.ticketEvents.nodes).toHaveLength(1);
    const [event] = events.data!.ticketEvents.nodes;
    expect(event).toMatchObject({ type: 'STATUS_CHANGED', status: { category: 'CLOSED' }, previousStatus: null, ticket: { id: ticketId, status: { category: 'CLOSED' } } });
    expect(event.raw.event_fqn).toBe('CONVERSATION_CLOSED');

    const consumers = await gql('{ eventConsumers { deliveries { eventId status attempts lastStatusCode } } }');
    expect(consumers.data!.eventConsumers[0].deliveries).toEqual([{ eventId: event.id, status: 'DELIVERED', attempts: 2, lastStatusCode: 200 }]);

    // polling from the end cursor: nothing new, same position
    const cursor = events.data!.ticketEvents.pageInfo.endCursor;
    const again = await gql('query($a: String) { ticketEvents(after: $a) { nodes { id } pageInfo { endCursor } } }', { a: cursor });
    expect(again.data!.ticketEvents).toEqual({ nodes: [], pageInfo: { endCursor: cursor } });
  });

  it('a redelivery of the same event_id stores nothing new', async () => {
    const delivery = sandbox.webhookDeliveries.find((d) => d.body.event_fqn === 'CONVERSATION_CLOSED')!;
    const before = await eventCount();
    const res = await fetch(delivery.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(delivery.body) });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ stored: false });
    expect(await eventCount()).toBe(before);
  });

  it('reopening derives previousStatus; filters and cursors page the log', async () => {
    await gql('mutation($id: ID!) { reopenTicket(input: { id: $id }) { userErrors { code } } }', { id: ticketId });
    await gql('mutation($id: ID!) { createComment(input: { ticketId: $id, body: "hi", isPrivate: true }) { userErrors { code } } }', { id: ticketId });
    await until(() => sandbox.webhookDeliveries.length >= 3 && sandbox.webhookDeliveries.every((d) => d.status === 202));
    const all = await gql('query($t: ID) { ticketEvents(filter: { ticketId: $t }) { nodes { type status { id } previousStatus { id } } } }', { t: ticketId });
    expect(all.data!.ticketEvents.nodes).toEqual([
      { type: 'STATUS_CHANGED', status: { id: 'Closed' }, previousStatus: null },
      { type: 'STATUS_CHANGED', status: { id: 'Open' }, previousStatus: { id: 'Closed' } },
      { type: 'COMMENT_ADDED', status: { id: 'Open' }, previousStatus: { id: 'Open' } },
    ]);
    const page1 = await gql('{ ticketEvents(first: 1, filter: { types: [STATUS_CHANGED] }) { nodes { status { id } } pageInfo { endCursor hasNextPage } } }');
    expect(page1.data!.ticketEvents.pageInfo.hasNextPage).toBe(true);
    const page2 = await gql('query($a: String) { ticketEvents(first: 1, after: $a, filter: { types: [STATUS_CHANGED] }) { nodes { status { id } } pageInfo { hasNextPage } } }', { a: page1.data!.ticketEvents.pageInfo.endCursor });
    expect(page2.data!.ticketEvents).toEqual({ nodes: [{ status: { id: 'Open' } }], pageInfo: { hasNextPage: false } });
  });

  it('bad secrets, unknown subscriptions and malformed payloads are refused and stored nowhere', async () => {
    const before = await eventCount();
    const good = sandbox.webhookDeliveries[0]!;
    const base = `${origin}/webhooks/dixa/${subscriptionId}`;
    const post = (target: string, body: string) => fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const fresh = { ...good.body, event_id: 'never-seen-before' };
    expect((await post(`${base}/not-the-secret`, JSON.stringify(fresh))).status).toBe(401);
    expect((await post(`${origin}/webhooks/dixa/00000000-0000-0000-0000-000000000000/x`, JSON.stringify(fresh))).status).toBe(404);
    expect((await post(good.url, '{"event_id": ')).status).toBe(400);
    expect((await post(good.url, JSON.stringify({ event_fqn: 'CONVERSATION_CLOSED', data: {} }))).status).toBe(400);
    expect((await post(good.url, JSON.stringify({ ...fresh, data: { conversation: { csid: 'x' } } }))).status).toBe(400);
    expect(await eventCount()).toBe(before);
  });

  it('unsubscribing removes the Dixa webhook', async () => {
    const res = await gql('mutation($id: ID!) { unsubscribeTicketEvents(input: { id: $id }) { subscription { id } userErrors { code } } }', { id: subscriptionId });
    expect(res.data!.unsubscribeTicketEvents.userErrors).toEqual([]);
    expect(sandbox.orgs.get(sandbox.token)!.webhooks.size).toBe(0);
  });
});
