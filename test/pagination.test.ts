/** Relay paging over Dixa page keys, and the documented errors for bad paging input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dixaReadAll, errorText, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const PAGE = `query($first: Int, $after: String) {
  tickets(first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
}`;

async function allTicketIds(first: number) {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const res: any = await h.gql(PAGE, { first, after });
    expect(res.errors).toBeUndefined();
    ids.push(...res.data.tickets.edges.map((e: any) => e.node.id));
    if (!res.data.tickets.pageInfo.hasNextPage) return ids;
    after = res.data.tickets.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

describe('paging through tickets', () => {
  it('visits every seeded conversation exactly once (first: 100 and first: 37)', async () => {
    const all = await dixaReadAll<{ id: number }>(h.sandbox, '/v1/search/conversations?pageLimit=50', { method: 'POST', body: {} });
    const expected = all.map((c) => String(c.id));
    expect(expected.length).toBeGreaterThanOrEqual(300);
    for (const first of [100, 37]) {
      const ids = await allTicketIds(first);
      expect(ids).toEqual(expected);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('continuing from endCursor costs one search call per Dixa page, never a repeat', async () => {
    h.sandbox.calls.reset();
    const first = await h.gql(PAGE, { first: 50 });
    const second = await h.gql(PAGE, { first: 50, after: first.data!.tickets.pageInfo.endCursor });
    expect(second.data!.tickets.pageInfo.hasPreviousPage).toBe(true);
    expect(h.sandbox.calls.count('POST /v1/search/conversations')).toBe(2);
    const ids = [...first.data!.tickets.edges, ...second.data!.tickets.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(100);
  });

  it('an edge cursor in the middle of a page resumes right after that edge', async () => {
    const page = await h.gql(PAGE, { first: 10 });
    const edges = page.data!.tickets.edges;
    const resumed = await h.gql(PAGE, { first: 3, after: edges[4].cursor });
    expect(resumed.data!.tickets.edges.map((e: any) => e.node.id)).toEqual(edges.slice(5, 8).map((e: any) => e.node.id));
  });

  it('pages contacts and users with the same cursor contract', async () => {
    const endUsers = await dixaReadAll(h.sandbox, '/v1/endusers?pageLimit=100');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: any = await h.gql(`query($after: String) { contacts(first: 30, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.contacts.nodes.map((n: any) => n.id));
      after = res.data.contacts.pageInfo.hasNextPage ? res.data.contacts.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(endUsers.map((u: any) => u.id));
  });
});

describe('bad paging input', () => {
  it('first over 100 → BAD_USER_INPUT before any Dixa call', async () => {
    h.sandbox.calls.reset();
    const res = await h.gql(PAGE, { first: 1000 });
    expect(res.status).toBe(200);
    expect(res.data ?? null).toBeNull(); // tickets is non-null, so the error nulls the whole result
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/first/);
    expect(h.sandbox.calls.count()).toBe(0);
  });

  it('negative first → BAD_USER_INPUT', async () => {
    const res = await h.gql(PAGE, { first: -5 });
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('a forged cursor → BAD_USER_INPUT, no stack trace, no Dixa call', async () => {
    h.sandbox.calls.reset();
    for (const after of ['not-a-cursor', Buffer.from('[1,"tickets:other",null,0]').toString('base64url'), Buffer.from('{"x":1}').toString('base64url')]) {
      const res = await h.gql(PAGE, { first: 5, after });
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(errorText(res)).not.toMatch(/stack|\n\s+at |node_modules/);
    }
    expect(h.sandbox.calls.count()).toBe(0);
  });

  it('a cursor whose Dixa page key was tampered with → BAD_USER_INPUT (Dixa refuses it)', async () => {
    const page = await h.gql(PAGE, { first: 50 });
    const [v, scope] = JSON.parse(Buffer.from(page.data!.tickets.pageInfo.endCursor, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify([v, scope, 'AAAA-garbage', 0])).toString('base64url');
    const res = await h.gql(PAGE, { first: 5, after: tampered });
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('a cursor from another connection is refused', async () => {
    const tags = await h.gql(`{ tags(first: 2) { pageInfo { endCursor } } }`);
    const res = await h.gql(PAGE, { first: 5, after: tags.data!.tags.pageInfo.endCursor });
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
