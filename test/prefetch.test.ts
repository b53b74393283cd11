/**
 * Prefetching (README "Prefetching"): calls that need only ids already known start at once,
 * never adding a call the query would not make. Timings come from the sandbox's call log, with
 * latency injected so that "started before that one ended" cannot happen by accident.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../src/sandbox/calls.ts';
import { threadOf } from '../src/sandbox/seed.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ server: { concurrency: 64 } });
});
afterAll(() => h.close());
beforeEach(() => {
  h.sandbox.faults.latencyMs = 0;
  h.sandbox.faults.rules = [];
  h.sandbox.calls.reset();
});

const calls = (template: string): CallRecord[] => h.sandbox.calls.list().filter((c) => c.template === template);
const firstEnd = (records: CallRecord[]) => Math.min(...records.map((c) => c.endedAt));
const lastStart = (records: CallRecord[]) => Math.max(...records.map((c) => c.startedAt));
const org = () => h.sandbox.orgs.get(h.sandbox.token)!;

describe('a ticket list', () => {
  it('fetches threads and tags alongside the conversations, not after them', async () => {
    h.sandbox.faults.latencyMs = 60;
    const res = await h.gql(`{ tickets(first: 4) { nodes { id subject tags { id } comments(first: 2) { nodes { id } } } } }`);
    expect(res.errors).toBeUndefined();
    const conversations = calls('GET /v1/conversations/{id}');
    const parts = ['tags', 'messages', 'notes'].flatMap((part) => calls(`GET /v1/conversations/{id}/${part}`));
    expect(conversations).toHaveLength(4);
    expect(parts).toHaveLength(12);
    expect(lastStart(parts)).toBeLessThan(firstEnd(conversations));
  });

  it('asks for each contact and assignee as its conversation lands, not after the whole page', async () => {
    const slow = [...org().conversations.values()].sort((a, b) => b.id - a.id)[0]!;
    // The newest conversation's answer stalls for 300 ms; the others come at once.
    h.sandbox.faults.rules = [{ when: 'after', times: 1, template: 'GET /v1/conversations/{id}', action: { slowBodyMs: 300 } }];
    const res = await h.gql(`{ tickets(first: 10) { nodes { id contact { id } assignees { name } } } }`);
    expect(res.errors).toBeUndefined();
    const slowCall = calls('GET /v1/conversations/{id}').find((c) => c.path.endsWith(`/${slow.id}`))!;
    const contactCalls = calls('GET /v1/endusers/{id}');
    expect(contactCalls.length).toBeGreaterThan(1);
    expect(Math.min(...contactCalls.map((c) => c.startedAt))).toBeLessThan(slowCall.startedAt + 250);
    expect(calls('GET /v1/agents')).toHaveLength(1); // one list for every assignee, never one call per agent
    expect(calls('GET /v1/agents/{id}')).toHaveLength(0);
  });

  it("fetches an assignee's teams and the team list together with the agent list", async () => {
    h.sandbox.faults.latencyMs = 60;
    const res = await h.gql(`{ tickets(first: 30) { nodes { assignees { teams { name } } } } }`);
    expect(res.errors).toBeUndefined();
    const agentList = calls('GET /v1/agents');
    const memberships = calls('GET /v1/agents/{id}/teams');
    expect(agentList).toHaveLength(1);
    expect(memberships.length).toBeGreaterThan(1);
    expect(calls('GET /v1/teams')).toHaveLength(1);
    expect(lastStart([...memberships, ...calls('GET /v1/teams')])).toBeLessThan(firstEnd(agentList));
  });

  describe('comment authors of a list come from the agent list even when a thread lands alone', () => {
    const agentAuthors = (id: number) => {
      const { messages, notes } = threadOf(org(), id);
      return new Set([...messages, ...notes].map((c) => c.authorId).filter((a) => a && org().agents.has(a)));
    };
    /**
     * The first of `conversations` whose thread has exactly one agent author answers at once;
     * every other thread 300 ms later. Left alone, that lone author is one GET /agents/{id}.
     */
    const loneFirst = (conversations: Array<{ id: number }>) => {
      const lone = conversations.findIndex((c) => agentAuthors(c.id).size === 1);
      expect(lone).toBeGreaterThanOrEqual(0);
      h.sandbox.faults.rules = [
        { when: 'after', times: 1, template: 'GET /v1/conversations/{id}/messages', path: `/v1/conversations/${conversations[lone]!.id}/messages`, action: { slowBodyMs: 0 } },
        { when: 'after', times: 100, template: 'GET /v1/conversations/{id}/messages', action: { slowBodyMs: 300 } },
      ];
      return lone;
    };
    const authors = 'comments(first: 10) { nodes { author { ... on User { name } } } }';

    it('in a search list', async () => {
      const newest = [...org().conversations.values()].sort((a, b) => b.id - a.id).slice(0, 50);
      const lone = loneFirst(newest);
      const res = await h.gql(`query($n: Int!) { tickets(first: $n) { nodes { ${authors} } } }`, { n: Math.max(lone + 1, 2) });
      expect(res.errors).toBeUndefined();
      expect(calls('GET /v1/agents')).toHaveLength(1);
      expect(calls('GET /v1/agents/{id}')).toHaveLength(0);
    });

    it("in a contact's list", async () => {
      const byRequester = Map.groupBy(org().conversations.values(), (c) => c.requesterId);
      // Few enough that every thread is asked for at once (the harness allows 64 calls in flight).
      const [contactId, conversations] = [...byRequester].find(([, list]) => list.length > 2 && list.length < 20 && list.some((c) => agentAuthors(c.id).size === 1))!;
      loneFirst(conversations);
      const res = await h.gql(`query($id: ID!) { contact(id: $id) { tickets(first: 50) { nodes { ${authors} } } } }`, { id: contactId });
      expect(res.errors).toBeUndefined();
      expect(calls('GET /v1/agents')).toHaveLength(1);
      expect(calls('GET /v1/agents/{id}')).toHaveLength(0);
    });
  });

  it('starts nothing for a field that is skipped, and goes through named fragments', async () => {
    const skipped = await h.gql(`query($skip: Boolean!) { tickets(first: 5) { nodes { id tags @skip(if: $skip) { id } } } }`, { skip: true });
    expect(skipped.errors).toBeUndefined();
    expect(calls('GET /v1/conversations/{id}/tags')).toHaveLength(0);

    h.sandbox.calls.reset();
    h.sandbox.faults.latencyMs = 60;
    const viaFragment = await h.gql(`{ tickets(first: 3) { edges { node { ...T } } } } fragment T on Ticket { id tags { id } }`);
    expect(viaFragment.errors).toBeUndefined();
    expect(lastStart(calls('GET /v1/conversations/{id}/tags'))).toBeLessThan(firstEnd(calls('GET /v1/conversations/{id}')));
  });

  it('fetches parts only for the tickets an exact filter keeps', async () => {
    const newest = [...org().conversations.values()].sort((a, b) => b.id - a.id);
    const after = newest[5]!.createdAt; // keeps the 5 newest of the page scanned
    const res = await h.gql(`query($after: DateTime) { tickets(first: 10, filter: { createdAfter: $after }) { nodes { id tags { id } } } }`, { after });
    expect(res.errors).toBeUndefined();
    const kept = res.data!.tickets.nodes.length;
    expect(kept).toBe(5);
    expect(calls('GET /v1/conversations/{id}/tags')).toHaveLength(kept);
  });

  it("a prefetched call's failure reaches the field that needed it, once, and only that field", async () => {
    h.sandbox.faults.rules = [{ when: 'before', times: 1, template: 'GET /v1/conversations/{id}/messages', action: { status: 500 } }];
    const res = await h.gql(`{ tickets(first: 3) { nodes { id description firstResponseAt } } }`);
    // description and firstResponseAt of the ticket whose messages failed; the other tickets are whole
    expect(res.errors!.map((e) => e.path!.at(-1)).sort()).toEqual(['description', 'firstResponseAt']);
    expect(res.errors!.every((e) => e.extensions!.code === 'UPSTREAM_UNAVAILABLE')).toBe(true);
    expect(res.data!.tickets.nodes.map((n: any) => n.id)).toHaveLength(3);
    expect(calls('GET /v1/conversations/{id}/messages')).toHaveLength(3); // the failure was not fetched again
  });
});

describe('an id-only ticket list', () => {
  it('is answered from the search hits: one call per page, none per ticket', async () => {
    const res = await h.gql(`{ tickets(first: 50) { edges { cursor node { id __typename } } pageInfo { hasNextPage endCursor } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.tickets.edges).toHaveLength(50);
    expect(h.sandbox.calls.count()).toBe(1);
    const newest = [...org().conversations.keys()].sort((a, b) => b - a).slice(0, 50).map(String);
    expect(res.data!.tickets.edges.map((e: any) => e.node.id)).toEqual(newest);

    h.sandbox.calls.reset();
    const next = await h.gql(`query($a: String) { tickets(first: 10, after: $a) { nodes { id } } }`, { a: res.data!.tickets.pageInfo.endCursor });
    expect(next.data!.tickets.nodes.map((n: any) => n.id)).toEqual([...org().conversations.keys()].sort((a, b) => b - a).slice(50, 60).map(String));
    expect(h.sandbox.calls.count()).toBe(1);
  });

  it('loads the conversations as soon as any other field is asked for', async () => {
    const res = await h.gql(`{ tickets(first: 5) { nodes { id status { id } } } }`);
    expect(res.errors).toBeUndefined();
    expect(calls('GET /v1/conversations/{id}')).toHaveLength(5);
  });
});

describe('single entities', () => {
  it("ticket(id) fetches its thread and tags with the conversation", async () => {
    const id = String([...org().conversations.keys()][0]);
    h.sandbox.faults.latencyMs = 60;
    const res = await h.gql(`query($id: ID!) { ticket(id: $id) { subject tags { id } description } }`, { id });
    expect(res.errors).toBeUndefined();
    const parts = [...calls('GET /v1/conversations/{id}/tags'), ...calls('GET /v1/conversations/{id}/messages')];
    expect(parts).toHaveLength(2);
    expect(lastStart(parts)).toBeLessThan(firstEnd(calls('GET /v1/conversations/{id}')));
  });

  it('an unknown ticket or contact is still a plain NOT_FOUND', async () => {
    const ticket = await h.gql(`{ ticket(id: "987654321") { id tags { id } comments { nodes { id } } } }`);
    expect(ticket.errors!.map((e) => e.extensions!.code)).toEqual(['NOT_FOUND']);
    expect(ticket.data).toEqual({ ticket: null });
    const contact = await h.gql(`{ contact(id: "no-such-contact") { id tickets { nodes { id } } } }`);
    expect(contact.errors!.map((e) => e.extensions!.code)).toEqual(['NOT_FOUND']);
  });

  it("contact(id) fetches the contact's conversation page with the contact", async () => {
    const contactId = [...org().endUsers.keys()][0]!;
    h.sandbox.faults.latencyMs = 60;
    const res = await h.gql(`query($id: ID!) { contact(id: $id) { name tickets(first: 3) { nodes { id } } } }`, { id: contactId });
    expect(res.errors).toBeUndefined();
    const page = calls('GET /v1/endusers/{id}/conversations');
    expect(page).toHaveLength(1); // the prefetch and the field share one call
    expect(page[0]!.startedAt).toBeLessThan(firstEnd(calls('GET /v1/endusers/{id}')));
  });

  it("contact(id) starts its tickets' threads when the page lands, even if the contact is late", async () => {
    const contactId = [...org().endUsers.keys()][0]!;
    h.sandbox.faults.rules = [{ when: 'after', times: 1, template: 'GET /v1/endusers/{id}', action: { slowBodyMs: 300 } }];
    const res = await h.gql(`query($id: ID!) { contact(id: $id) { name tickets(first: 3) { nodes { description } } } }`, { id: contactId });
    expect(res.errors).toBeUndefined();
    const contact = calls('GET /v1/endusers/{id}')[0]!;
    expect(calls('GET /v1/conversations/{id}/messages')).toHaveLength(3);
    expect(lastStart(calls('GET /v1/conversations/{id}/messages'))).toBeLessThan(contact.startedAt + 250);
  });

  it('_entities prefetch only the fields asked of Tickets, not of other types', async () => {
    const id = String([...org().conversations.keys()][1]);
    const contactId = [...org().endUsers.keys()][1]!;
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { id } ... on Contact { tags { id } } } }`,
      { r: [{ __typename: 'Ticket', id }, { __typename: 'Contact', id: contactId }] },
    );
    expect(res.errors).toBeUndefined();
    expect(calls('GET /v1/conversations/{id}/tags')).toHaveLength(0);
  });
});
