/**
 * The core read path against the sandbox over HTTP: the reference query's data and its Dixa call
 * count against the floor Dixa's API allows, plus the nested fields of the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dixaRead, dixaReadAll, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const REFERENCE_QUERY = /* GraphQL */ `
  query Reference {
    tickets(first: 50) {
      nodes {
        id
        subject
        status { id category }
        channel
        contact { id name email }
        assignees { id name }
        collection { id name }
        tags { id name }
        comments(first: 5) {
          nodes { id remoteId isPrivate body createdAt }
          pageInfo { hasNextPage }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** Dixa's own view of the 50 newest conversations, read straight from the sandbox. */
async function expectedReference() {
  const hits = await dixaRead<Array<{ id: number }>>(h.sandbox, 'POST', '/v1/search/conversations?pageLimit=50', {});
  const conversations = await Promise.all(
    hits.map(async ({ id }) => ({
      conversation: await dixaRead(h.sandbox, 'GET', `/v1/conversations/${id}`),
      tags: await dixaRead<any[]>(h.sandbox, 'GET', `/v1/conversations/${id}/tags`),
      messages: await dixaRead<any[]>(h.sandbox, 'GET', `/v1/conversations/${id}/messages`),
      notes: await dixaRead<any[]>(h.sandbox, 'GET', `/v1/conversations/${id}/notes`),
    })),
  );
  const agents = await dixaReadAll(h.sandbox, '/v1/agents?pageLimit=100');
  const queues = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/queues');
  h.sandbox.calls.reset();
  return { conversations, agents, queues };
}

describe('reference query: 50 tickets × contact, assignees, collection, tags, first 5 comments', () => {
  it('returns what Dixa holds', async () => {
    const expected = await expectedReference();
    const res = await h.gql(REFERENCE_QUERY);
    expect(res.errors).toBeUndefined();
    const tickets = res.data!.tickets.nodes as any[];
    expect(tickets).toHaveLength(50);
    expect(res.data!.tickets.pageInfo.hasNextPage).toBe(true);

    tickets.forEach((ticket, i) => {
      const { conversation, tags, messages, notes } = expected.conversations[i]!;
      expect(ticket.id).toBe(String(conversation.id));
      expect(ticket.channel).toBe(conversation.channel);
      expect(ticket.status.id).toBe(conversation.state);
      expect(ticket.subject).toBe(conversation.subject ?? null);
      expect(ticket.contact.id).toBe(conversation.requesterId);
      expect(ticket.assignees.map((a: any) => a.id)).toEqual(conversation.assignment ? [conversation.assignment.agentId] : []);
      if (conversation.assignment) {
        const agent = expected.agents.find((a: any) => a.id === conversation.assignment.agentId);
        expect(ticket.assignees[0].name).toBe(agent.displayName);
      }
      expect(ticket.collection?.id ?? null).toBe(conversation.queue?.id ?? null);
      if (conversation.queue) expect(ticket.collection.name).toBe(expected.queues.find((q) => q.id === conversation.queue.id).name);
      expect(ticket.tags.map((t: any) => t.id)).toEqual(tags.map((t) => t.id));

      const thread = [
        ...messages.map((m) => ({ id: m.id, at: Date.parse(m.createdAt), isPrivate: false })),
        ...notes.map((n) => ({ id: n.id, at: Date.parse(n.createdAt), isPrivate: true })),
      ].sort((a, b) => a.at - b.at);
      expect(ticket.comments.nodes.map((c: any) => c.remoteId)).toEqual(thread.slice(0, 5).map((c) => c.id));
      expect(ticket.comments.nodes.map((c: any) => c.isPrivate)).toEqual(thread.slice(0, 5).map((c) => c.isPrivate));
      expect(ticket.comments.pageInfo.hasNextPage).toBe(thread.length > 5);
    });
  });

  it('makes exactly the floor of Dixa calls, none twice, no per-item call where a list serves', async () => {
    const expected = await expectedReference();
    const ids = expected.conversations.map((c) => c.conversation);
    const distinctRequesters = new Set(ids.map((c) => c.requesterId)).size;
    const anyAssigned = ids.some((c) => c.assignment);
    const anyQueued = ids.some((c) => c.queue);

    const res = await h.gql(REFERENCE_QUERY);
    expect(res.errors).toBeUndefined();

    // The floor: the fewest calls Dixa's API allows for this query (README "Calls per query").
    const floor: Record<string, number> = {
      'POST /v1/search/conversations': 1,
      'GET /v1/conversations/{id}': 50,
      'GET /v1/conversations/{id}/tags': 50,
      'GET /v1/conversations/{id}/messages': 50,
      'GET /v1/conversations/{id}/notes': 50,
      'GET /v1/endusers/{id}': distinctRequesters,
    };
    if (anyAssigned) floor['GET /v1/agents'] = Math.ceil(expected.agents.length / 100);
    if (anyQueued) floor['GET /v1/queues'] = 1;

    expect(h.sandbox.calls.byTemplate()).toEqual(floor);
    expect(h.sandbox.calls.duplicates()).toEqual([]);
    const total = Object.values(floor).reduce((a, b) => a + b, 0);
    expect(h.sandbox.calls.count()).toBe(total);
    console.info(`reference query: ${total} Dixa calls (floor ${total}; ${distinctRequesters} distinct requesters)`);
  });
});

describe('nested fields', () => {
  it('Contact.tickets pages the contact’s conversations and needs no per-ticket call', async () => {
    const users = await dixaReadAll(h.sandbox, '/v1/endusers?pageLimit=100');
    // the end user with the most conversations
    const counts = await Promise.all(
      users.slice(0, 20).map(async (u: any) => ({ u, convs: await dixaReadAll(h.sandbox, `/v1/endusers/${u.id}/conversations`) })),
    );
    const { u, convs } = counts.sort((a, b) => b.convs.length - a.convs.length)[0]!;
    h.sandbox.calls.reset();

    const res = await h.gql(
      `query($id: ID!) { contact(id: $id) { id email tickets(first: 100) { nodes { id contact { id } status { category } } pageInfo { hasNextPage } } } }`,
      { id: u.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.contact.tickets.nodes.map((t: any) => t.id)).toEqual(convs.map((c: any) => String(c.id)));
    expect(res.data!.contact.tickets.nodes.every((t: any) => t.contact.id === u.id)).toBe(true);
    expect(h.sandbox.calls.count('GET /v1/conversations/{id}')).toBe(0);
    expect(h.sandbox.calls.count('GET /v1/endusers/{id}')).toBe(1);
    expect(h.sandbox.calls.duplicates()).toEqual([]);
  });

  it('Team.members and User.teams resolve through the team and agent lists', async () => {
    const teams = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/teams');
    const members = await Promise.all(teams.map((t) => dixaRead<any[]>(h.sandbox, 'GET', `/v1/teams/${t.id}/agents`)));
    h.sandbox.calls.reset();

    const res = await h.gql(`{ teams(first: 100) { nodes { id name members(first: 100) { nodes { id name teams { id } } } } } }`);
    expect(res.errors).toBeUndefined();
    const got = res.data!.teams.nodes as any[];
    expect(got.map((t) => t.id)).toEqual(teams.map((t) => t.id));
    got.forEach((team, i) => {
      expect(team.members.nodes.map((m: any) => m.id)).toEqual(members[i]!.map((m) => m.id));
      for (const member of team.members.nodes) expect(member.teams.map((t: any) => t.id)).toContain(team.id);
    });
    const distinctMembers = new Set(members.flat().map((m) => m.id)).size;
    expect(h.sandbox.calls.byTemplate()).toEqual({
      'GET /v1/teams': 1,
      'GET /v1/teams/{id}/agents': teams.length,
      'GET /v1/agents': 1,
      'GET /v1/agents/{id}/teams': distinctMembers,
    });
  });

  it('comment authors, attachments and the ticket of a comment', async () => {
    h.sandbox.calls.reset();
    const res = await h.gql(`{
      tickets(first: 30) { nodes { id contact { id } comments(first: 20) { nodes {
        id isPrivate ticket { id }
        author { __typename ... on User { id roles { id } } ... on Contact { id } }
        attachments { id fileName url contentType comment { id } ticket { id } }
      } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const comments = (res.data!.tickets.nodes as any[]).flatMap((t) => t.comments.nodes.map((c: any) => ({ t, c })));
    expect(comments.length).toBeGreaterThan(30);
    for (const { t, c } of comments) {
      expect(c.ticket.id).toBe(t.id);
      if (c.isPrivate) expect(c.author.__typename).toBe('User');
      if (c.author?.__typename === 'Contact') expect(c.author.id).toBe(t.contact.id);
      for (const a of c.attachments) {
        expect(a.comment.id).toBe(c.id);
        expect(a.ticket.id).toBe(t.id);
        expect(a.url).toMatch(/^https?:\/\//);
      }
    }
    expect(comments.some(({ c }) => c.attachments.length > 0)).toBe(true);
    expect(comments.some(({ c }) => c.author?.__typename === 'User')).toBe(true);
    expect(comments.some(({ c }) => c.author?.__typename === 'Contact')).toBe(true);
    expect(h.sandbox.calls.duplicates()).toEqual([]);
  });

  it('single lookups return the entity', async () => {
    const [agent] = await dixaReadAll(h.sandbox, '/v1/agents?pageLimit=100');
    const [queue] = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/queues');
    const [tag] = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/tags');
    const conv = await dixaRead(h.sandbox, 'GET', '/v1/conversations/7');
    h.sandbox.calls.reset();
    const res = await h.gql(
      `query($u: ID!, $q: ID!, $t: ID!) {
        ticket(id: "7") { id channel contact { id } remoteData }
        user(id: $u) { id email name }
        collection(id: $q) { id name type }
        tag(id: $t) { id name isActive }
      }`,
      { u: agent.id, q: queue.id, t: tag.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.ticket).toMatchObject({ id: '7', channel: conv.channel, contact: { id: conv.requesterId } });
    expect(res.data!.ticket.remoteData).toEqual(conv);
    expect(res.data!.user).toMatchObject({ id: agent.id, email: agent.email });
    expect(res.data!.collection).toMatchObject({ id: queue.id, name: queue.name, type: 'QUEUE' });
    expect(res.data!.tag).toMatchObject({ id: tag.id, name: tag.name, isActive: true });
    // a single agent lookup uses GET /agents/{id}, not the whole list
    expect(h.sandbox.calls.count('GET /v1/agents/{id}')).toBe(1);
    expect(h.sandbox.calls.count('GET /v1/agents')).toBe(0);
  });
});
