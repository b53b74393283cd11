/** The sandbox speaks Dixa's wire format: every object it emits validates against the client's schemas. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../src/sandbox/server.ts';
import { seedOrganisation, threadOf } from '../src/sandbox/seed.ts';
import {
  AgentSchema,
  ConversationSchema,
  CustomAttributeDefinitionSchema,
  EndUserSchema,
  MessageSchema,
  NoteSchema,
  QueueSchema,
  TagSchema,
  TeamSchema,
} from '../src/dixa/wire.ts';
import { dixaRead, dixaReadAll } from './harness.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const get = (path: string, token = sandbox.token, init: RequestInit = {}) =>
  fetch(`${sandbox.url}${path}`, { ...init, headers: { authorization: token, 'content-type': 'application/json', ...(init.headers ?? {}) } });

describe('sandbox wire format', () => {
  it('seeds hundreds of conversations across every kind of object, all schema-valid', async () => {
    const ids = await dixaReadAll<{ id: number }>(sandbox, '/v1/search/conversations?pageLimit=50', { method: 'POST', body: {} });
    expect(ids).toHaveLength(300);
    for (const { id } of ids.slice(0, 60)) {
      ConversationSchema.parse(await dixaRead(sandbox, 'GET', `/v1/conversations/${id}`));
      for (const m of await dixaRead<unknown[]>(sandbox, 'GET', `/v1/conversations/${id}/messages`)) MessageSchema.parse(m);
      for (const n of await dixaRead<unknown[]>(sandbox, 'GET', `/v1/conversations/${id}/notes`)) NoteSchema.parse(n);
      for (const t of await dixaRead<unknown[]>(sandbox, 'GET', `/v1/conversations/${id}/tags`)) TagSchema.parse(t);
    }
    const users = await dixaReadAll(sandbox, '/v1/endusers?pageLimit=100');
    expect(users.length).toBe(80);
    users.forEach((u) => EndUserSchema.parse(u));
    const agents = await dixaReadAll(sandbox, '/v1/agents');
    expect(agents.length).toBe(12);
    agents.forEach((a) => AgentSchema.parse(a));
    (await dixaRead<unknown[]>(sandbox, 'GET', '/v1/teams')).forEach((t) => TeamSchema.parse(t));
    (await dixaRead<unknown[]>(sandbox, 'GET', '/v1/queues')).forEach((q) => QueueSchema.parse(q));
    (await dixaRead<unknown[]>(sandbox, 'GET', '/v1/custom-attributes')).forEach((d) => CustomAttributeDefinitionSchema.parse(d));

    const org = sandbox.orgs.get(sandbox.token)!;
    const channels = new Set([...org.conversations.values()].map((c) => c.channel));
    const states = new Set([...org.conversations.values()].map((c) => c.state));
    expect(channels.size).toBeGreaterThanOrEqual(7);
    expect(states).toEqual(new Set(['Open', 'Pending', 'AwaitingPending', 'Closed']));
    const attachments = [...org.conversations.keys()].flatMap((id) => threadOf(org, id).messages.flatMap((m) => m.attributes?.attachments ?? []));
    expect(attachments.length).toBeGreaterThan(20);
  });

  it('list items omit custom attributes; get-by-id carries them', async () => {
    const [listed] = await dixaReadAll(sandbox, '/v1/endusers?pageLimit=1');
    expect(listed).not.toHaveProperty('customAttributes');
    expect(await dixaRead(sandbox, 'GET', `/v1/endusers/${listed.id}`)).toHaveProperty('customAttributes');
  });

  it('is deterministic for a seed and can seed 100,000 conversations quickly', () => {
    const a = seedOrganisation({ seed: 7 });
    const b = seedOrganisation({ seed: 7 });
    expect([...a.conversations.values()]).toEqual([...b.conversations.values()]);
    expect(threadOf(a, 5)).toEqual(threadOf(b, 5));
    expect([...a.endUsers.values()]).toEqual([...b.endUsers.values()]);
    expect(seedOrganisation({ conversations: 100_000 }).conversations.size).toBe(100_000);
  });
});

describe('sandbox errors and paging rules', () => {
  it('401 without a valid token, in Dixa’s error shape', async () => {
    const res = await get('/v1/agents', 'wrong');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
    expect((await get('/v1/agents', `Bearer ${sandbox.token}`)).status).toBe(200);
  });

  it('404, 400 on malformed ids, page limits and forged page keys', async () => {
    expect((await get('/v1/conversations/999999')).status).toBe(404);
    expect(await (await get('/v1/conversations/abc')).json()).toEqual({ message: 'Invalid value for: path parameter conversationId' });
    expect((await get('/v1/search/conversations?pageLimit=51', sandbox.token, { method: 'POST', body: '{}' })).status).toBe(400);
    expect((await get('/v1/agents?pageLimit=0')).status).toBe(400);
    expect(await (await get('/v1/agents?pageKey=Zm9yZ2Vk')).json()).toEqual({ message: 'Invalid value for: query parameter pageKey' });
    expect((await get('/v1/endusers?email=a@b.c&phone=1')).status).toBe(400);
    // a page key from one list is refused on another
    const page = (await (await get('/v1/endusers?pageLimit=10')).json()) as { meta: { next: string } };
    const key = new URL(page.meta.next, sandbox.url).searchParams.get('pageKey')!;
    expect((await get(`/v1/agents?pageKey=${encodeURIComponent(key)}`)).status).toBe(400);
  });

  it('the last page carries meta without next', async () => {
    const res = (await (await get('/v1/agents?pageLimit=100')).json()) as { meta: unknown };
    expect(res.meta).toEqual({});
  });

  it('logs every call by template, with durations, and never the token', async () => {
    sandbox.calls.reset();
    await get('/v1/conversations/1');
    await get('/v1/conversations/2/tags');
    await get('/v1/conversations/1');
    expect(sandbox.calls.byTemplate()).toEqual({ 'GET /v1/conversations/{id}': 2, 'GET /v1/conversations/{id}/tags': 1 });
    expect(sandbox.calls.duplicates()).toEqual(['GET /v1/conversations/1 ×2']);
    expect(JSON.stringify(sandbox.calls.list())).not.toContain(sandbox.token);
    const viaHttp = (await (await fetch(`${sandbox.url}/_sandbox/calls`)).json()) as { byTemplate: Record<string, number> };
    expect(viaHttp.byTemplate['GET /v1/conversations/{id}']).toBe(2);
  });

  it('keeps organisations apart by token', async () => {
    const two = await createSandbox({ organisations: [{ token: 'org-a', seed: { seed: 1 } }, { token: 'org-b', seed: { seed: 2 } }] });
    try {
      const a = await fetch(`${two.url}/v1/agents`, { headers: { authorization: 'org-a' } }).then((r) => r.json() as Promise<{ data: Array<{ id: string }> }>);
      const b = await fetch(`${two.url}/v1/agents`, { headers: { authorization: 'org-b' } }).then((r) => r.json() as Promise<{ data: Array<{ id: string }> }>);
      expect(a.data.map((x) => x.id)).not.toEqual(b.data.map((x) => x.id));
      const cross = await fetch(`${two.url}/v1/agents/${a.data[0]!.id}`, { headers: { authorization: 'org-b' } });
      expect(cross.status).toBe(404);
    } finally {
      await two.close();
    }
  });
});
