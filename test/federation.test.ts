/** Federation: the SDL and `_entities`, batched through the per-request loaders. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dixaRead, dixaReadAll, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Ticket { id channel }
    ... on Contact { id email }
    ... on User { id email }
    ... on Team { id name }
    ... on Tag { id name }
    ... on Collection { id name }
    ... on Comment { id body }
  }
}`;

describe('federation', () => {
  it('_service { sdl } declares the entities and keys of the contract', async () => {
    const res = await h.gql(`{ _service { sdl } }`);
    const sdl: string = res.data!._service.sdl;
    for (const type of ['Ticket', 'Comment', 'Contact', 'User', 'Team', 'Tag', 'Collection'])
      expect(sdl).toMatch(new RegExp(`type ${type} @key\\(fields: "id"\\)`));
    expect(sdl).toMatch(/type Contact @key\(fields: "id"\) @key\(fields: "email"\)/);
    expect(sdl).toMatch(/type User @key\(fields: "id"\) @key\(fields: "email"\)/);
    expect(sdl).toMatch(/type PageInfo @shareable/);
    expect(sdl).toContain('https://specs.apollo.dev/federation/v2');
  });

  it('100 ticket representations with repeats: one GET per distinct conversation, null for unknown', async () => {
    h.sandbox.calls.reset();
    const ids = Array.from({ length: 100 }, (_, i) => String((i % 60) + 1));
    ids[99] = '999999';
    const res = await h.gql(ENTITIES, { representations: ids.map((id) => ({ __typename: 'Ticket', id })) });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.slice(0, 60).map((t: any) => t.id)).toEqual(ids.slice(0, 60));
    expect(res.data!._entities[99]).toBeNull();
    expect(h.sandbox.calls.byTemplate()).toEqual({ 'GET /v1/conversations/{id}': 61 });
    expect(h.sandbox.calls.duplicates()).toEqual([]);
  });

  it('bounds concurrency on get-by-id endpoints', async () => {
    h.sandbox.calls.reset();
    h.sandbox.faults.latencyMs = 15;
    try {
      const reps = Array.from({ length: 40 }, (_, i) => ({ __typename: 'Ticket', id: String(i + 100) }));
      const res = await h.gql(ENTITIES, { representations: reps });
      expect(res.errors).toBeUndefined();
    } finally {
      h.sandbox.faults.latencyMs = 0;
    }
    expect(h.sandbox.calls.maxInFlight()).toBeLessThanOrEqual(8);
    expect(h.sandbox.calls.maxInFlight()).toBeGreaterThan(1);
  });

  it('users, teams, tags and collections by id come from one list call each', async () => {
    const agents = await dixaReadAll(h.sandbox, '/v1/agents?pageLimit=100');
    const teams = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/teams');
    const tags = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/tags?includeDeactivated=true');
    const queues = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/queues');
    h.sandbox.calls.reset();
    const reps = [
      ...agents.map((a: any) => ({ __typename: 'User', id: a.id })),
      ...agents.map((a: any) => ({ __typename: 'User', email: a.email.toUpperCase() })),
      ...teams.map((t) => ({ __typename: 'Team', id: t.id })),
      ...tags.map((t) => ({ __typename: 'Tag', id: t.id })),
      ...queues.map((q) => ({ __typename: 'Collection', id: q.id })),
    ];
    const res = await h.gql(ENTITIES, { representations: reps });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((e: any) => e?.id)).toEqual([
      ...agents.map((a: any) => a.id),
      ...agents.map((a: any) => a.id),
      ...teams.map((t) => t.id),
      ...tags.map((t) => t.id),
      ...queues.map((q) => q.id),
    ]);
    expect(h.sandbox.calls.byTemplate()).toEqual({
      'GET /v1/agents': Math.ceil(agents.length / 100),
      'GET /v1/teams': 1,
      'GET /v1/tags': 1,
      'GET /v1/queues': 1,
    });
  });

  it('100 contacts by email: one lookup per distinct address, case-insensitive', async () => {
    const users = (await dixaReadAll(h.sandbox, '/v1/endusers?pageLimit=100')).filter((u: any) => u.email);
    const distinct = users.slice(0, 70);
    h.sandbox.calls.reset();
    const reps = Array.from({ length: 100 }, (_, i) => {
      const u: any = distinct[i % distinct.length];
      return { __typename: 'Contact', email: i >= distinct.length ? u.email.toUpperCase() : u.email };
    });
    const res = await h.gql(ENTITIES, { representations: reps });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((e: any) => e.id)).toEqual(reps.map((_, i) => (distinct[i % distinct.length] as any).id));
    expect(h.sandbox.calls.byTemplate()).toEqual({ 'GET /v1/endusers': distinct.length });
  });

  it('comments by their composite id', async () => {
    const messages = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/conversations/3/messages');
    const res = await h.gql(ENTITIES, {
      representations: [
        { __typename: 'Comment', id: `3:${messages[0].id}` },
        { __typename: 'Comment', id: '3:does-not-exist' },
        { __typename: 'Comment', id: 'garbage' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]).toMatchObject({ id: `3:${messages[0].id}` });
    expect(res.data!._entities.slice(1)).toEqual([null, null]);
  });
});
