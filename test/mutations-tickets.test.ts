/** Ticket, comment and tag mutations through GraphQL against the sandbox, read back through queries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dixaRead, dixaReadAll, startHarness, type Harness } from './harness.ts';

let h: Harness;
let agents: any[];
let queues: any[];
let contacts: any[];
beforeAll(async () => {
  h = await startHarness();
  agents = await dixaReadAll(h.sandbox, '/v1/agents?pageLimit=100');
  queues = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/queues');
  contacts = await dixaReadAll(h.sandbox, '/v1/endusers?pageLimit=100');
});
afterAll(() => h.close());

const TICKET = `id subject status { id category } contact { id } assignees { id } collection { id } tags { id name } closedAt
  customFields { identifier value values }`;

/** A ticket of the sandbox in the given state, read straight from Dixa's API. */
async function ticketIn(state: string, skip = 0): Promise<any> {
  const hits = await dixaReadAll<{ id: number }>(h.sandbox, '/v1/search/conversations?pageLimit=50', {
    method: 'POST',
    body: { filters: { conditions: [{ field: { _type: 'Status', operator: { _type: 'IncludesOne', values: [state] } } }] } },
  });
  return dixaRead(h.sandbox, 'GET', `/v1/conversations/${hits[skip]!.id}`);
}

const writes = () => h.sandbox.calls.list().filter((c) => c.method !== 'GET' && c.template !== 'POST /v1/search/conversations');

describe('createTicket', () => {
  it('starts a conversation with its first message and attachment; readable afterwards', async () => {
    h.sandbox.calls.reset();
    const res = await h.gql(
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { ${TICKET} comments { nodes { body isPrivate attachments { fileName url contentType } author { __typename ... on Contact { id } } } } } userErrors { field message code } } }`,
      {
        input: {
          contactId: contacts[3].id,
          channel: 'EMAIL',
          subject: 'Order A-777 arrived broken',
          body: 'The mug was shattered.',
          attachments: [{ url: 'https://files.example.com/p/mug.jpg', fileName: 'mug.jpg' }],
        },
      },
    );
    expect(res.errors).toBeUndefined();
    const { ticket, userErrors } = res.data!.createTicket;
    expect(userErrors).toEqual([]);
    expect(ticket).toMatchObject({ subject: 'Order A-777 arrived broken', status: { category: 'OPEN' }, contact: { id: contacts[3].id } });
    expect(ticket.comments.nodes).toEqual([
      {
        body: 'The mug was shattered.',
        isPrivate: false,
        attachments: [{ fileName: 'mug.jpg', url: 'https://files.example.com/p/mug.jpg', contentType: 'image/jpeg' }],
        author: { __typename: 'Contact', id: contacts[3].id },
      },
    ]);
    expect(h.sandbox.calls.count('POST /v1/conversations')).toBe(1);
    const again = await h.gql(`query($id: ID!) { ticket(id: $id) { subject contact { id } } }`, { id: ticket.id });
    expect(again.data!.ticket).toEqual({ subject: 'Order A-777 arrived broken', contact: { id: contacts[3].id } });
  });

  it('an outbound ticket is written by the given user', async () => {
    const res = await h.gql(
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { comments { nodes { author { __typename ... on User { id } } } } } userErrors { code } } }`,
      { input: { contactId: contacts[4].id, channel: 'SMS', body: 'Your parcel is on its way', direction: 'OUTBOUND', userId: agents[0].id } },
    );
    expect(res.data!.createTicket.userErrors).toEqual([]);
    expect(res.data!.createTicket.ticket.comments.nodes[0].author).toEqual({ __typename: 'User', id: agents[0].id });
  });

  it('invalid input never reaches Dixa', async () => {
    h.sandbox.calls.reset();
    const cases: Array<[Record<string, unknown>, string[], string]> = [
      [{ contactId: '00000000-0000-4000-8000-000000000000', channel: 'EMAIL', body: 'x' }, ['input', 'contactId'], 'NOT_FOUND'],
      [{ contactId: contacts[0].id, channel: 'EMAIL', body: '   ' }, ['input', 'body'], 'REQUIRED'],
      [{ contactId: contacts[0].id, channel: 'EMAIL', body: 'x', direction: 'OUTBOUND' }, ['input', 'userId'], 'REQUIRED'],
      [{ contactId: contacts[0].id, channel: 'SMS', body: 'x' }, ['input', 'direction'], 'INVALID'],
      [{ contactId: contacts[0].id, channel: 'CHAT', body: 'x', language: 'english' }, ['input', 'language'], 'INVALID'],
      [{ contactId: contacts[0].id, channel: 'CHAT', body: 'x', direction: 'OUTBOUND', userId: 'no-such-user' }, ['input', 'userId'], 'NOT_FOUND'],
    ];
    for (const [input, field, code] of cases) {
      const res = await h.gql(`mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } userErrors { field message code } } }`, { input });
      expect(res.errors).toBeUndefined();
      expect(res.data!.createTicket.ticket).toBeNull();
      expect(res.data!.createTicket.userErrors).toEqual([expect.objectContaining({ field, code })]);
    }
    expect(writes()).toEqual([]);
  });
});

describe('close, reopen, update', () => {
  it('closeTicket closes; closing again is ALREADY_IN_STATE without a Dixa write', async () => {
    const open = await ticketIn('Open');
    const close = `mutation($id: ID!) { closeTicket(input: { id: $id }) { ticket { ${TICKET} } userErrors { field code message } } }`;
    const first = await h.gql(close, { id: String(open.id) });
    expect(first.data!.closeTicket.userErrors).toEqual([]);
    expect(first.data!.closeTicket.ticket.status).toEqual({ id: 'Closed', category: 'CLOSED' });
    expect(first.data!.closeTicket.ticket.closedAt).toBeTruthy();
    expect((await dixaRead(h.sandbox, 'GET', `/v1/conversations/${open.id}`)).state).toBe('Closed');

    h.sandbox.calls.reset();
    const second = await h.gql(close, { id: String(open.id) });
    expect(second.data!.closeTicket.userErrors).toEqual([{ field: ['input', 'id'], code: 'ALREADY_IN_STATE', message: expect.stringMatching(/already closed/) }]);
    expect(second.data!.closeTicket.ticket.status.category).toBe('CLOSED');
    expect(writes()).toEqual([]);
  });

  it('reads after writes in one operation are never stale', async () => {
    const open = await ticketIn('Open', 1);
    const res = await h.gql(
      `mutation($id: ID!) {
        a: closeTicket(input: { id: $id }) { ticket { status { category } } }
        b: reopenTicket(input: { id: $id }) { ticket { status { category } closedAt } }
      }`,
      { id: String(open.id) },
    );
    expect(res.data).toEqual({ a: { ticket: { status: { category: 'CLOSED' } } }, b: { ticket: { status: { category: 'OPEN' }, closedAt: null } } });
  });

  it('updateTicket assigns, transfers, sets custom fields and closes, in that order', async () => {
    const open = await ticketIn('Open', 2);
    const agent = agents[5];
    const queue = queues[2];
    const res = await h.gql(
      `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { ${TICKET} } userErrors { field code message } appliedChanges } }`,
      {
        input: {
          id: String(open.id),
          assigneeId: agent.id,
          forceAssign: true,
          collectionId: queue.id,
          status: 'CLOSED',
          customFields: [
            { identifier: 'priority', value: 'high' },
            { identifier: 'category', values: ['billing', 'refund'] },
            { identifier: 'order_id', value: 'A-42' },
          ],
        },
      },
    );
    expect(res.errors).toBeUndefined();
    const payload = res.data!.updateTicket;
    expect(payload.userErrors).toEqual([]);
    expect(payload.appliedChanges).toEqual(['collection', 'assignee', 'customFields', 'status']);
    expect(payload.ticket).toMatchObject({ assignees: [{ id: agent.id }], collection: { id: queue.id }, status: { category: 'CLOSED' } });
    const fields = Object.fromEntries(payload.ticket.customFields.map((f: any) => [f.identifier, f]));
    expect(fields.priority).toMatchObject({ value: 'high', values: ['high'] });
    expect(fields.category).toMatchObject({ value: 'billing / refund', values: ['billing', 'refund'] });
    expect(fields.order_id).toMatchObject({ value: 'A-42' });
  });

  it('updateTicket parks a ticket as PENDING until a time', async () => {
    const open = await ticketIn('Open', 3);
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const res = await h.gql(`mutation($id: ID!, $until: DateTime) { updateTicket(input: { id: $id, status: PENDING, pendingUntil: $until }) { ticket { status { id category } } userErrors { code } } }`, {
      id: String(open.id),
      until,
    });
    expect(res.data!.updateTicket).toEqual({ ticket: { status: { id: 'Pending', category: 'PENDING' } }, userErrors: [] });
  });

  it('updateTicket checks every reference before writing anything', async () => {
    const open = await ticketIn('Open', 4);
    h.sandbox.calls.reset();
    const res = await h.gql(
      `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { id status { category } } userErrors { field code message } appliedChanges } }`,
      {
        input: {
          id: String(open.id),
          subject: 'new subject',
          assigneeId: 'no-such-agent',
          collectionId: 'no-such-queue',
          status: 'PENDING',
          customFields: [{ identifier: 'priority', value: 'critical' }, { identifier: 'nope', value: 'x' }, { identifier: 'legacy_code', value: 'x' }],
        },
      },
    );
    const payload = res.data!.updateTicket;
    expect(payload.appliedChanges).toEqual([]);
    expect(payload.ticket).toMatchObject({ id: String(open.id), status: { category: 'OPEN' } });
    expect(payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
      ['input.subject', 'UNSUPPORTED'],
      ['input.pendingUntil', 'REQUIRED'],
      ['input.assigneeId', 'NOT_FOUND'],
      ['input.collectionId', 'NOT_FOUND'],
      ['input.customFields.0.value', 'INVALID'],
      ['input.customFields.1', 'NOT_FOUND'],
      ['input.customFields.2', 'INVALID'],
    ]);
    expect(writes()).toEqual([]);
  });

  it('an unknown or malformed ticket id is a userError', async () => {
    const res = await h.gql(`mutation { a: closeTicket(input: { id: "999999" }) { userErrors { field code } } b: reopenTicket(input: { id: "abc" }) { userErrors { field code } } }`);
    expect(res.data).toEqual({ a: { userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND' }] }, b: { userErrors: [{ field: ['input', 'id'], code: 'INVALID' }] } });
  });
});

describe('tags', () => {
  it('adds by id and name, creates a missing tag only when asked, removes by name', async () => {
    const ticket = await ticketIn('Open', 5);
    const tags = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/tags?includeDeactivated=true');
    const active = tags.filter((t) => t.state === 'Active');
    const inactive = tags.find((t) => t.state !== 'Active');
    const add = `mutation($input: TicketTagsInput!) { addTicketTags(input: $input) { ticket { tags { id name } } userErrors { field code message } appliedChanges } }`;
    const id = String(ticket.id);

    const missing = await h.gql(add, { input: { id, tagNames: ['csat-5'] } });
    expect(missing.data!.addTicketTags.userErrors).toEqual([expect.objectContaining({ field: ['input', 'tagNames', '0'], code: 'NOT_FOUND' })]);
    const deactivated = await h.gql(add, { input: { id, tagIds: [inactive.id] } });
    expect(deactivated.data!.addTicketTags.userErrors[0].code).toBe('INVALID');

    const res = await h.gql(add, { input: { id, tagIds: [active[0].id], tagNames: [active[1].name.toUpperCase(), 'csat-5'], createMissing: true } });
    expect(res.data!.addTicketTags.userErrors).toEqual([]);
    const names = res.data!.addTicketTags.ticket.tags.map((t: any) => t.name);
    expect(names).toEqual(expect.arrayContaining([active[0].name, active[1].name, 'csat-5']));
    expect((await dixaRead<any[]>(h.sandbox, 'GET', '/v1/tags')).some((t) => t.name === 'csat-5')).toBe(true);

    const removed = await h.gql(`mutation($id: ID!) { removeTicketTags(input: { id: $id, tagNames: ["csat-5"] }) { ticket { tags { name } } userErrors { code } } }`, { id });
    expect(removed.data!.removeTicketTags.userErrors).toEqual([]);
    expect(removed.data!.removeTicketTags.ticket.tags.map((t: any) => t.name)).not.toContain('csat-5');
  });

  it('createTag returns the existing tag when the name is taken', async () => {
    const create = `mutation($name: String!) { createTag(input: { name: $name, color: "#123abc" }) { tag { id name color isActive } userErrors { code } } }`;
    const a = await h.gql(create, { name: 'returns-2026' });
    const b = await h.gql(create, { name: 'returns-2026' });
    expect(a.data!.createTag.tag).toMatchObject({ name: 'returns-2026', color: '#123abc', isActive: true });
    expect(b.data!.createTag.tag.id).toBe(a.data!.createTag.tag.id);
    const bad = await h.gql(`mutation { createTag(input: { name: "x", color: "red" }) { tag { id } userErrors { field code } } }`);
    expect(bad.data!.createTag).toEqual({ tag: null, userErrors: [{ field: ['input', 'color'], code: 'INVALID' }] });
  });
});

describe('createComment', () => {
  it('isPrivate: true is a Dixa internal note; false is a message sent by a user', async () => {
    const ticket = await ticketIn('Open', 6);
    const id = String(ticket.id);
    const note = await h.gql(
      `mutation($id: ID!, $u: ID) { createComment(input: { ticketId: $id, body: "Order #A-1 refunded by Shopify", isPrivate: true, userId: $u }) { comment { id isPrivate body author { ... on User { id } } } userErrors { code } } }`,
      { id, u: agents[1].id },
    );
    expect(note.data!.createComment.userErrors).toEqual([]);
    expect(note.data!.createComment.comment).toMatchObject({ isPrivate: true, body: 'Order #A-1 refunded by Shopify', author: { id: agents[1].id } });
    const notes = await dixaRead<any[]>(h.sandbox, 'GET', `/v1/conversations/${id}/notes`);
    expect(notes.at(-1).message).toBe('Order #A-1 refunded by Shopify');

    const message = await h.gql(
      `mutation($id: ID!, $u: ID) { createComment(input: { ticketId: $id, body: "<p>Hej!</p>", bodyIsHtml: true, isPrivate: false, userId: $u }) { comment { isPrivate body htmlBody } ticket { comments(first: 100) { nodes { id } } } userErrors { code } } }`,
      { id, u: agents[1].id },
    );
    expect(message.data!.createComment.comment).toEqual({ isPrivate: false, body: 'Hej!', htmlBody: '<p>Hej!</p>' });
    const messages = await dixaRead<any[]>(h.sandbox, 'GET', `/v1/conversations/${id}/messages`);
    expect(messages.at(-1)).toMatchObject({ direction: 'Outbound', authorId: agents[1].id });
    expect(message.data!.createComment.ticket.comments.nodes).toHaveLength(messages.length + notes.length);
  });

  it('userErrors: empty body, public without a user, attachments on a note, unknown ticket', async () => {
    h.sandbox.calls.reset();
    const q = `mutation($input: CreateCommentInput!) { createComment(input: $input) { comment { id } userErrors { field code } } }`;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ticketId: '1', body: '', isPrivate: true }, 'input.body', 'REQUIRED'],
      [{ ticketId: '1', body: 'hi', isPrivate: false }, 'input.userId', 'REQUIRED'],
      [{ ticketId: '1', body: 'hi', isPrivate: true, attachments: [{ url: 'https://x.example/a.pdf' }] }, 'input.attachments', 'INVALID'],
      [{ ticketId: '999999', body: 'hi', isPrivate: true }, 'input.ticketId', 'NOT_FOUND'],
    ];
    for (const [input, field, code] of cases) {
      const res = await h.gql(q, { input });
      expect(res.data!.createComment).toEqual({ comment: null, userErrors: [{ field: field.split('.'), code }] });
    }
    expect(writes()).toEqual([]);
  });
});
