import { describe, expect, it } from 'vitest';
import { mapCollection, mapTag } from '../src/mapping/catalog.ts';
import { contentTypeOf, htmlToText, mapMessage, mapNote, mergeThread, parseCommentId } from '../src/mapping/comments.ts';
import { mapContact, mapUser } from '../src/mapping/directory.ts';
import { mapTicket, mapTicketStatus } from '../src/mapping/tickets.ts';
import { isoDateTime } from '../src/mapping/values.ts';

const conversation = {
  id: 42,
  requesterId: 'eu-1',
  channel: 'WidgetChat',
  createdAt: '2026-01-05T08:00:00Z',
  state: 'Closed',
  stateUpdatedAt: '2026-01-06T09:30:00.123Z',
  assignment: { agentId: 'ag-1', assignedAt: '2026-01-05T08:01:00Z' },
  queue: { id: 'q-1' },
  customAttributes: [
    { id: 'attr-1', identifier: 'order_id', name: 'Order', value: 'A-100' },
    { id: 'attr-2', identifier: 'category', name: 'Category', value: ['billing', 'refund'] },
    { id: 'attr-3', identifier: 'empty', name: 'Empty', value: null },
  ],
  somethingNew: { kept: true },
};

describe('ticket mapping', () => {
  it('maps a conversation to a ticket, keeping relations as ids and the raw object', () => {
    const ticket = mapTicket(conversation);
    expect(ticket).toMatchObject({
      id: '42',
      conversationId: 42,
      subject: null,
      status: { id: 'Closed', name: 'Closed', category: 'CLOSED' },
      channel: 'WidgetChat',
      type: { id: 'WidgetChat', name: 'Widget chat' },
      contactId: 'eu-1',
      assigneeId: 'ag-1',
      queueId: 'q-1',
      createdAt: '2026-01-05T08:00:00.000Z',
      updatedAt: '2026-01-06T09:30:00.123Z',
      closedAt: '2026-01-06T09:30:00.123Z',
    });
    expect(ticket.remoteData).toBe(conversation);
    expect(ticket.customFields).toEqual([
      { id: 'attr-1', identifier: 'order_id', name: 'Order', value: 'A-100', values: ['A-100'] },
      { id: 'attr-2', identifier: 'category', name: 'Category', value: 'billing / refund', values: ['billing', 'refund'] },
      { id: 'attr-3', identifier: 'empty', name: 'Empty', value: null, values: [] },
    ]);
  });

  it('leaves closedAt empty for open tickets and falls back to createdAt for updatedAt', () => {
    const ticket = mapTicket({ id: 1, requesterId: 'x', channel: 'Email', createdAt: '2026-01-05T08:00:00Z', state: 'Open', subject: ' Hi ' });
    expect(ticket.closedAt).toBeNull();
    expect(ticket.updatedAt).toBe('2026-01-05T08:00:00.000Z');
    expect(ticket.subject).toBe('Hi');
    expect(ticket.assigneeId).toBeNull();
    expect(ticket.queueId).toBeNull();
  });

  it('categorises every known state and keeps unknown ones raw', () => {
    expect(mapTicketStatus('Open').category).toBe('OPEN');
    expect(mapTicketStatus('Pending').category).toBe('PENDING');
    expect(mapTicketStatus('AwaitingPending')).toEqual({ id: 'AwaitingPending', name: 'Awaiting pending', category: 'PENDING' });
    expect(mapTicketStatus('Closed').category).toBe('CLOSED');
    expect(mapTicketStatus('Snoozed')).toEqual({ id: 'Snoozed', name: 'Snoozed', category: 'OPEN' });
    expect(mapTicketStatus(undefined).id).toBe('Open');
  });
});

describe('date-times', () => {
  it('normalises Dixa timestamp variants to ISO-8601 UTC', () => {
    expect(isoDateTime('2020-12-16T09:41:43Z')).toBe('2020-12-16T09:41:43.000Z');
    expect(isoDateTime('2021-12-01T12:46:36.581Z[GMT]')).toBe('2021-12-01T12:46:36.581Z');
    expect(isoDateTime('2021-12-01T14:46:36+02:00')).toBe('2021-12-01T12:46:36.000Z');
    expect(isoDateTime('2021-12-01T12:46:36.581Z')).toBe('2021-12-01T12:46:36.581Z');
    expect(isoDateTime('2021-02-30T10:00:00.000Z')).toBe('2021-03-02T10:00:00.000Z');
    expect(isoDateTime('2021-13-01T10:00:00.000Z')).toBeNull();
    expect(isoDateTime('yesterday')).toBeNull();
    expect(isoDateTime(null)).toBeNull();
  });
});

describe('comment mapping', () => {
  const inbound = {
    id: 'm-1',
    authorId: 'eu-1',
    direction: 'Inbound',
    createdAt: '2026-01-05T08:00:00Z',
    content: { _type: 'Text', value: 'Where is my order?' },
    attributes: { _type: 'EmailAttributes', attachments: [{ url: 'https://files.example/a/receipt.pdf', prettyName: 'receipt.pdf' }, { url: 'not a url' }] },
  };
  const outbound = {
    id: 'm-2',
    authorId: 'ag-1',
    direction: 'Outbound',
    createdAt: '2026-01-05T08:05:00Z',
    attributes: { _type: 'EmailAttributes', content: { _type: 'Html', value: '<p>On its way &amp; tracked</p>' } },
  };
  const note = { id: 'n-1', authorId: 'ag-1', createdAt: '2026-01-05T08:02:00Z', csid: 42, message: 'VIP customer' };

  it('maps an inbound message to a public comment by the contact, with attachments', () => {
    const comment = mapMessage(inbound, '42');
    expect(comment).toMatchObject({ id: '42:m-1', remoteId: 'm-1', ticketId: '42', body: 'Where is my order?', htmlBody: null, isPrivate: false, author: { kind: 'Contact', id: 'eu-1' } });
    expect(comment.attachments).toEqual([
      { id: '42:m-1:0', fileName: 'receipt.pdf', url: 'https://files.example/a/receipt.pdf', contentType: 'application/pdf', ticketId: '42', commentId: '42:m-1', remoteData: inbound.attributes.attachments[0] },
    ]);
  });

  it('maps an HTML outbound message to text + html, written by a user', () => {
    const comment = mapMessage(outbound, '42');
    expect(comment.body).toBe('On its way & tracked');
    expect(comment.htmlBody).toBe('<p>On its way &amp; tracked</p>');
    expect(comment.author).toEqual({ kind: 'User', id: 'ag-1' });
  });

  it('maps a note to a private comment', () => {
    expect(mapNote(note, '42')).toMatchObject({ id: '42:n-1', isPrivate: true, body: 'VIP customer', author: { kind: 'User', id: 'ag-1' } });
  });

  it('merges messages and notes into one thread, oldest first', () => {
    expect(mergeThread([inbound, outbound], [note], '42').map((c) => c.remoteId)).toEqual(['m-1', 'n-1', 'm-2']);
  });

  it('parses composite comment ids and infers content types', () => {
    expect(parseCommentId('42:abc-def')).toEqual({ ticketId: '42', remoteId: 'abc-def' });
    expect(parseCommentId('abc')).toBeNull();
    expect(contentTypeOf('photo.JPG')).toBe('image/jpeg');
    expect(contentTypeOf('noext')).toBeNull();
    expect(htmlToText('a<br>b<p>c</p>&lt;d&gt;')).toBe('a\nbc\n<d>');
  });
});

describe('directory mapping', () => {
  it('maps an end user, dropping invalid addresses and keeping list-vs-detail distinction', () => {
    const contact = mapContact({
      id: 'eu-1',
      displayName: '',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      additionalEmails: ['ADA@example.com', 'not-an-email', 'ada@work.example'],
      phoneNumber: '+4512345678',
      additionalPhoneNumbers: ['+4512345678', '+4587654321'],
      avatarUrl: 'relative/path.png',
      externalId: 'crm-9',
    });
    expect(contact).toMatchObject({
      name: 'Ada Lovelace',
      emails: ['ada@example.com', 'ada@work.example'],
      email: 'ada@example.com',
      phones: ['+4512345678', '+4587654321'],
      avatarUrl: null,
      externalId: 'crm-9',
      customFields: null,
    });
    expect(mapContact({ id: 'eu-2', customAttributes: [] }).customFields).toEqual([]);
  });

  it('maps an agent with roles', () => {
    const user = mapUser({ id: 'ag-1', displayName: 'Grace', email: 'grace@example.com', roles: ['Agent', 'Admin', 'Agent'], createdAt: '2025-01-01T00:00:00Z' });
    expect(user).toMatchObject({ name: 'Grace', email: 'grace@example.com', emails: ['grace@example.com'], isActive: true, createdAt: '2025-01-01T00:00:00.000Z' });
    expect(user.roles).toEqual([{ id: 'Agent', name: 'Agent' }, { id: 'Admin', name: 'Admin' }]);
  });

  it('maps tags and queues', () => {
    expect(mapTag({ id: 't', name: 'vip', state: 'Active' }).isActive).toBe(true);
    expect(mapTag({ id: 't', name: 'old', state: 'Inactive', color: '' })).toMatchObject({ isActive: false, color: null });
    expect(mapTag({ id: 't', name: 'nostate' }).isActive).toBe(true);
    expect(mapCollection({ id: 'q', name: 'Support', isDefault: true })).toMatchObject({ type: 'QUEUE', isDefault: true });
  });
});
