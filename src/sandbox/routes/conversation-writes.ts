/**
 * Conversation writes, applied to the organisation the way Dixa does (README §5). Choices that
 * are UNCONFIRMED are marked: Dixa documents the status codes, not every refusal.
 */
import { randomUUID } from 'node:crypto';
import { TAG_ACTIVE_STATE } from '../../dixa/assumptions.ts';
import type { DixaConversation, DixaMessage } from '../../dixa/wire.ts';
import { badRequest, objectBody, route, type RouteContext } from '../http.ts';
import { threadOf } from '../seed.ts';
import { tagOf } from './catalog.ts';
import { conversationOf } from './conversations.ts';
import { patchAttributes } from './attributes.ts';

const CREATE_TYPES: Record<string, string> = { Email: 'Email', Chat: 'WidgetChat', ContactForm: 'ContactForm', Callback: 'PstnPhone', Sms: 'Sms' };
const iso = (ctx: RouteContext) => new Date(ctx.now()).toISOString();
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

function agentParam(ctx: RouteContext, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !ctx.org.agents.has(value)) throw badRequest('Agent was not found');
  return value;
}

function setState(ctx: RouteContext, conv: DixaConversation, state: string) {
  conv.state = state;
  conv.stateUpdatedAt = iso(ctx);
}

function messageFrom(ctx: RouteContext, conv: DixaConversation, input: Record<string, unknown>): DixaMessage {
  const direction = input._type === 'Outbound' ? 'Outbound' : input._type === undefined || input._type === 'Inbound' ? 'Inbound' : null;
  if (!direction) throw badRequest('Invalid value for: body');
  const content = input.content as { _type?: unknown; value?: unknown } | undefined;
  if (!content || !['Text', 'Html', 'Markdown'].includes(String(content._type)) || typeof content.value !== 'string' || !content.value.trim())
    throw badRequest('Invalid value for: body');
  const agentId = agentParam(ctx, input.agentId);
  if (direction === 'Outbound' && !agentId) throw badRequest('Invalid value for: body (agentId is required for outbound messages)');
  const attachments = input.attachments ?? [];
  if (!Array.isArray(attachments) || attachments.some((a) => typeof a?.url !== 'string' || !URL.canParse(a.url)))
    throw badRequest('Failure to download attachment');
  return {
    id: randomUUID(),
    authorId: direction === 'Inbound' ? conv.requesterId : agentId,
    direction,
    createdAt: iso(ctx),
    externalId: str(input.externalId) ?? null,
    content: { _type: String(content._type), value: content.value },
    attributes: { _type: `${conv.channel}Attributes`, attachments: attachments.map((a) => ({ url: a.url, prettyName: a.prettyName ?? null })) },
  };
}

function createConversation(ctx: RouteContext) {
  const body = objectBody(ctx);
  const requesterId = body.requesterId;
  if (typeof requesterId !== 'string' || !ctx.org.endUsers.has(requesterId)) throw badRequest('Invalid value for: body (requesterId)');
  const channel = CREATE_TYPES[String(body._type)];
  if (!channel) throw badRequest('Unsupported ConversationChannel');
  const message = body.message as Record<string, unknown> | undefined;
  if (!message || typeof message !== 'object') throw badRequest('Invalid value for: body (message)');
  if (channel === 'Sms' && message._type !== 'Outbound') throw badRequest('Unsupported ConversationChannel');
  const id = ctx.org.nextConversationId++;
  const now = iso(ctx);
  const conv: DixaConversation = { id, requesterId, channel, createdAt: now, direction: message._type === 'Outbound' ? 'Outbound' : 'Inbound', state: 'Open', stateUpdatedAt: now };
  if (str(body.subject)) conv.subject = body.subject as string;
  if (str(body.language)) conv.language = body.language as string;
  if (channel === 'Email') {
    conv.fromEmail = ctx.org.endUsers.get(requesterId)?.email ?? null;
    conv.toEmail = str(body.emailIntegrationId) ?? 'support@acme.email.dixa.io';
  }
  const first = messageFrom(ctx, conv, { ...message, agentId: message.agentId ?? body.agentId });
  ctx.org.conversations.set(id, conv);
  ctx.org.messages.set(id, [first]);
  ctx.org.notes.set(id, []);
  ctx.org.conversationTags.set(id, []);
  ctx.emit('ConversationCreated', conv);
  return { status: 201, body: { data: { id } } };
}

export const conversationWriteRoutes = [
  route('POST', '/v1/conversations', createConversation),
  route('PUT', '/v1/conversations/{id}/close', (ctx) => {
    const conv = conversationOf(ctx);
    agentParam(ctx, (ctx.body as { userId?: unknown } | undefined)?.userId);
    // UNCONFIRMED: Dixa's answer to closing a closed conversation.
    if (conv.state === 'Closed') throw badRequest('Conversation is already closed');
    setState(ctx, conv, 'Closed');
    ctx.emit('ConversationClosed', conv);
    return undefined;
  }),
  route('PUT', '/v1/conversations/{id}/reopen', (ctx) => {
    const conv = conversationOf(ctx);
    agentParam(ctx, (ctx.body as { userId?: unknown } | undefined)?.userId);
    // UNCONFIRMED: Dixa's answer to reopening a conversation that is not closed.
    if (conv.state !== 'Closed') throw badRequest('Conversation is not closed');
    setState(ctx, conv, 'Open');
    ctx.emit('ConversationOpen', conv);
    return undefined;
  }),
  route('PUT', '/v1/conversations/{id}/claim', (ctx) => {
    const conv = conversationOf(ctx);
    const body = objectBody(ctx);
    const agentId = agentParam(ctx, body.agentId);
    if (!agentId) throw badRequest('Invalid value for: body');
    if (conv.assignment && conv.assignment.agentId !== agentId && body.force !== true) throw badRequest('Conversation is already assigned to another agent');
    conv.assignment = { agentId, assignedAt: iso(ctx) };
    ctx.emit('ConversationAssigned', conv);
    return undefined;
  }),
  route('PUT', '/v1/conversations/{id}/followup', (ctx) => {
    const conv = conversationOf(ctx);
    const body = objectBody(ctx);
    if (typeof body.timestamp !== 'string' || Number.isNaN(Date.parse(body.timestamp))) throw badRequest('Invalid value for: body');
    agentParam(ctx, body.userId);
    if (conv.state === 'Closed') throw badRequest('Conversation is already closed');
    setState(ctx, conv, 'Pending');
    ctx.emit('ConversationPending', conv);
    return undefined;
  }),
  route('PUT', '/v1/conversations/{id}/transfer/queue', (ctx) => {
    const conv = conversationOf(ctx);
    const body = objectBody(ctx);
    if (typeof body.queueId !== 'string' || !ctx.org.queues.has(body.queueId)) throw badRequest('Queue was not found');
    agentParam(ctx, body.userId);
    conv.queue = { id: body.queueId, queuedAt: iso(ctx) };
    // UNCONFIRMED: a queue transfer re-offers the conversation, so the current assignee is released.
    delete conv.assignment;
    return undefined;
  }),
  route('PUT', '/v1/conversations/{id}/tags/{tagId}', (ctx) => {
    const conv = conversationOf(ctx);
    const tag = tagOf(ctx);
    if (tag.state !== TAG_ACTIVE_STATE) throw badRequest('Only active tags can be added to a conversation');
    const tags = ctx.org.conversationTags.get(conv.id) ?? [];
    if (!tags.includes(tag.id)) {
      ctx.org.conversationTags.set(conv.id, [...tags, tag.id]);
      ctx.emit('ConversationTagAdded', conv);
    }
    return undefined;
  }),
  route('DELETE', '/v1/conversations/{id}/tags/{tagId}', (ctx) => {
    const conv = conversationOf(ctx);
    const tag = tagOf(ctx);
    ctx.org.conversationTags.set(conv.id, (ctx.org.conversationTags.get(conv.id) ?? []).filter((t) => t !== tag.id));
    ctx.emit('ConversationTagRemoved', conv);
    return undefined;
  }),
  route('PATCH', '/v1/conversations/{id}/custom-attributes', (ctx) => {
    const conv = conversationOf(ctx);
    conv.customAttributes = patchAttributes(ctx, 'Conversation', conv.customAttributes);
    return { body: { data: conv.customAttributes } };
  }),
  route('POST', '/v1/conversations/{id}/messages', (ctx) => {
    const conv = conversationOf(ctx);
    const message = messageFrom(ctx, conv, objectBody(ctx));
    threadOf(ctx.org, conv.id).messages.push(message);
    ctx.emit('ConversationMessageAdded', conv);
    const { id, authorId, direction, content, createdAt } = message;
    return { body: { data: { messageId: id, authorId, direction, content, createdAt } } };
  }),
  route('POST', '/v1/conversations/{id}/notes', (ctx) => {
    const conv = conversationOf(ctx);
    const body = objectBody(ctx);
    if (typeof body.message !== 'string' || !body.message.trim()) throw badRequest('Invalid value for: body');
    const authorId = agentParam(ctx, body.agentId) ?? null;
    const note = { id: randomUUID(), authorId, createdAt: iso(ctx), csid: conv.id, message: body.message };
    threadOf(ctx.org, conv.id).notes.push(note);
    ctx.emit('ConversationNoteAdded', conv);
    return { body: { data: note } };
  }),
];
