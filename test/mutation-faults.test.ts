/**
 * Writes under failure: a create whose answer is lost is reported as outcome-unknown and never
 * re-sent; idempotent writes are retried; Dixa's 5xx becomes UPSTREAM_UNAVAILABLE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dixaRead, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  // the production retry policy, with short delays
  h = await startHarness({ retry: { maxAttempts: 3, baseDelayMs: 5 } });
});
afterAll(() => h.close());

describe('connection dropped after Dixa processed a create', () => {
  it('createComment (note): one note exists, the caller is told the outcome is unknown', async () => {
    const before = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/conversations/20/notes');
    h.sandbox.calls.reset();
    h.sandbox.faults.rules.push({ template: 'POST /v1/conversations/{id}/notes', times: 1, when: 'after', action: 'reset' });
    const res = await h.gql(`mutation { createComment(input: { ticketId: "20", body: "AI summary: refund approved", isPrivate: true }) { comment { id } userErrors { code } } }`);
    expect(res.data ?? null).toBeNull();
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', outcomeUnknown: true });
    expect(h.sandbox.calls.count('POST /v1/conversations/{id}/notes')).toBe(1);
    const after = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/conversations/20/notes');
    expect(after.length).toBe(before.length + 1);
  });

  it('createTicket: exactly one conversation is created', async () => {
    const [user] = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/endusers?pageLimit=1');
    const countBefore = h.sandbox.orgs.get(h.sandbox.token)!.conversations.size;
    h.sandbox.calls.reset();
    h.sandbox.faults.rules.push({ template: 'POST /v1/conversations', times: 1, when: 'after', action: 'reset' });
    const res = await h.gql(`mutation($c: ID!) { createTicket(input: { contactId: $c, channel: CHAT, body: "hello" }) { ticket { id } } }`, { c: user.id });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', outcomeUnknown: true });
    expect(h.sandbox.calls.count('POST /v1/conversations')).toBe(1);
    expect(h.sandbox.orgs.get(h.sandbox.token)!.conversations.size).toBe(countBefore + 1);
  });

  it('a create refused with 429 before processing is retried safely and succeeds once', async () => {
    h.sandbox.calls.reset();
    h.sandbox.faults.rules.push({ template: 'POST /v1/tags', times: 1, when: 'before', action: { status: 429, retryAfter: 0 } });
    const res = await h.gql(`mutation { createTag(input: { name: "retry-me" }) { tag { name } userErrors { code } } }`);
    expect(res.data!.createTag).toEqual({ tag: { name: 'retry-me' }, userErrors: [] });
    expect(h.sandbox.calls.count('POST /v1/tags')).toBe(2);
    expect(h.sandbox.orgs.get(h.sandbox.token)!.tags.size).toBe([...h.sandbox.orgs.get(h.sandbox.token)!.tags.values()].length);
    expect([...h.sandbox.orgs.get(h.sandbox.token)!.tags.values()].filter((t) => t.name === 'retry-me')).toHaveLength(1);
  });
});

describe('idempotent writes', () => {
  it('closeTicket survives a dropped connection: the PUT is retried', async () => {
    h.sandbox.calls.reset();
    const conv = await dixaRead(h.sandbox, 'GET', '/v1/conversations/21');
    if (conv.state === 'Closed') await h.gql(`mutation { reopenTicket(input: { id: "21" }) { userErrors { code } } }`);
    h.sandbox.faults.rules.push({ template: 'PUT /v1/conversations/{id}/close', times: 1, when: 'before', action: 'reset' });
    const res = await h.gql(`mutation { closeTicket(input: { id: "21" }) { ticket { status { category } } userErrors { code } } }`);
    expect(res.data!.closeTicket).toEqual({ ticket: { status: { category: 'CLOSED' } }, userErrors: [] });
    expect(h.sandbox.calls.count('PUT /v1/conversations/{id}/close')).toBe(2);
  });

  it('Dixa 5xx on every attempt → UPSTREAM_UNAVAILABLE, no stack, bounded attempts', async () => {
    h.sandbox.calls.reset();
    h.sandbox.faults.rules.push({ template: 'PUT /v1/conversations/{id}/reopen', times: 10, when: 'before', action: { status: 503 } });
    try {
      const conv = await dixaRead(h.sandbox, 'GET', '/v1/conversations/21');
      expect(conv.state).toBe('Closed');
      const res = await h.gql(`mutation { reopenTicket(input: { id: "21" }) { ticket { id } } }`);
      expect(res.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(JSON.stringify(res.errors)).not.toMatch(/\n\s+at |stacktrace/);
      expect(h.sandbox.calls.count('PUT /v1/conversations/{id}/reopen')).toBe(3);
    } finally {
      h.sandbox.faults.rules.length = 0;
    }
  });
});
