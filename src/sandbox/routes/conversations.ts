/** Conversation endpoints: search, get, messages, notes, tags. */
import { PAGE_LIMIT, SEARCH_FILTER_FIELD as F } from '../../dixa/assumptions.ts';
import type { DixaConversation, DixaSearchBody } from '../../dixa/wire.ts';
import { badRequest, conversationIdParam, notFound, paged, route, type RouteContext } from '../http.ts';
import { threadOf, type OrgState } from '../seed.ts';

export function conversationOf(ctx: RouteContext): DixaConversation {
  const conv = ctx.org.conversations.get(conversationIdParam(ctx));
  if (!conv) throw notFound();
  return conv;
}

type Condition = NonNullable<DixaSearchBody['filters']>['conditions'][number];

/** The conversation's value(s) for a search filter field. */
function fieldValues(org: OrgState, conv: DixaConversation, field: string): string[] | null {
  switch (field) {
    case F.channel:
      return [conv.channel.toLowerCase()];
    case F.status:
      return [String(conv.state ?? '').toLowerCase()];
    case F.queue:
      return conv.queue ? [conv.queue.id.toLowerCase()] : [];
    case F.assignee:
      return conv.assignment ? [conv.assignment.agentId.toLowerCase()] : [];
    case F.requester:
      return [conv.requesterId.toLowerCase()];
    case F.tag:
      return (org.conversationTags.get(conv.id) ?? []).map((t) => t.toLowerCase());
    default:
      return null;
  }
}

function matches(org: OrgState, conv: DixaConversation, condition: Condition): boolean {
  const values = fieldValues(org, conv, condition.field._type);
  if (values === null) throw badRequest(`Invalid value for: body (unsupported filter field ${condition.field._type})`);
  const wanted = condition.field.operator.values.map((v) => String(v).toLowerCase());
  switch (condition.field.operator._type) {
    case 'IncludesOne':
      return wanted.some((w) => values.includes(w));
    case 'IncludesAll':
      return wanted.every((w) => values.includes(w));
    case 'Excludes':
      return !wanted.some((w) => values.includes(w));
    default:
      throw badRequest('Invalid value for: body (unsupported filter operator)');
  }
}

function textMatches(org: OrgState, conv: DixaConversation, needle: string): boolean {
  if (conv.subject?.toLowerCase().includes(needle)) return true;
  const { messages, notes } = threadOf(org, conv.id);
  return (
    messages.some((m) => (m.content?.value ?? '').toLowerCase().includes(needle)) ||
    notes.some((n) => n.message.toLowerCase().includes(needle))
  );
}

/** Search: no body content lists every conversation, newest first (assumptions.SEARCH_ALL_BODY). */
function search(ctx: RouteContext) {
  const body = (ctx.body ?? {}) as DixaSearchBody;
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('Invalid value for: body');
  const needle = body.query?.value?.trim().toLowerCase();
  const conditions = body.filters?.conditions ?? [];
  const any = body.filters?.strategy === 'Any';
  const hits = [...ctx.org.conversations.values()]
    .filter((c) => !needle || textMatches(ctx.org, c, needle))
    .filter((c) => !conditions.length || (any ? conditions.some((k) => matches(ctx.org, c, k)) : conditions.every((k) => matches(ctx.org, c, k))))
    .sort((a, b) => b.id - a.id)
    .map((c) => ({ id: c.id, highlights: {} }));
  return paged(ctx, hits, PAGE_LIMIT.search, JSON.stringify(body));
}

export const conversationReadRoutes = [
  route('POST', '/v1/search/conversations', search),
  route('GET', '/v1/conversations/{id}', (ctx) => ({ body: { data: conversationOf(ctx) } })),
  route('GET', '/v1/conversations/{id}/messages', (ctx) => ({ body: { data: threadOf(ctx.org, conversationOf(ctx).id).messages } })),
  route('GET', '/v1/conversations/{id}/notes', (ctx) => ({ body: { data: threadOf(ctx.org, conversationOf(ctx).id).notes } })),
  route('GET', '/v1/conversations/{id}/tags', (ctx) => {
    const ids = ctx.org.conversationTags.get(conversationOf(ctx).id) ?? [];
    return { body: { data: ids.map((id) => ctx.org.tags.get(id)).filter(Boolean) } };
  }),
];
