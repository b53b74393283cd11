/** Unknown ids, malformed input and upstream refusals: typed errors, never a stack or a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const NO_LEAK = /stacktrace|\n\s+at |node_modules|sandbox-token|Error:/;

describe('single lookups', () => {
  it('an unknown id → null + NOT_FOUND naming the type and id', async () => {
    const res = await h.gql(`{
      ticket(id: "999999") { id }
      contact(id: "00000000-0000-4000-8000-000000000000") { id }
      user(id: "00000000-0000-4000-8000-000000000000") { id }
      team(id: "nope") { id }
      tag(id: "nope") { id }
      collection(id: "nope") { id }
      comment(id: "1:nope") { id }
    }`);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ ticket: null, contact: null, user: null, team: null, tag: null, collection: null, comment: null });
    const byPath = Object.fromEntries(res.errors!.map((e) => [e.path![0], e]));
    for (const [field, type] of Object.entries({ ticket: 'Ticket', contact: 'Contact', user: 'User', team: 'Team', tag: 'Tag', collection: 'Collection', comment: 'Comment' })) {
      expect(byPath[field]!.extensions).toMatchObject({ code: 'NOT_FOUND', type });
    }
    expect(errorText(res)).not.toMatch(NO_LEAK);
  });

  it('a malformed ticket id → BAD_USER_INPUT before any Dixa call', async () => {
    h.sandbox.calls.reset();
    const res = await h.gql(`{ ticket(id: "12; DROP") { id } }`);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id' });
    expect(h.sandbox.calls.count()).toBe(0);
  });

  it('GraphQL validation errors are 400s with a code, not stacks', async () => {
    const res = await h.gql(`{ tickets(first: "x") { nodes { nope } } }`);
    expect(res.status).toBe(400);
    expect(res.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errorText(res)).not.toMatch(NO_LEAK);
  });
});

describe('HTTP-level bad input', () => {
  it('malformed JSON body → 400 JSON error', async () => {
    const res = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(JSON.parse(body).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body).not.toMatch(NO_LEAK);
  });

  it('oversized body → 413 JSON error', async () => {
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(400_000) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('unknown route → 404 JSON', async () => {
    const res = await fetch(new URL('/nope', h.url));
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('Dixa refusing the token', () => {
  it('→ UNAUTHENTICATED, and the token appears nowhere in the response', async () => {
    const bad = await startHarness({ token: 'wrong-token-abc123', sandbox: h.sandbox });
    try {
      const res = await bad.gql(`{ tickets(first: 5) { nodes { id } } }`);
      expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(res)).not.toContain('wrong-token-abc123');
    } finally {
      await bad.close();
    }
  });
});
