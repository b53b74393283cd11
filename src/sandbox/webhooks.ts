/**
 * The sandbox's webhook side: subscriptions through POST/DELETE /v1/webhooks, and deliveries in
 * Dixa's webhook format (§7: snake_case, upper-case enums, event_id / event_fqn) to every
 * subscribed URL when the organisation changes through the API.
 */
import { randomUUID } from 'node:crypto';
import type { DixaConversation } from '../dixa/wire.ts';
import { badRequest, notFound, objectBody, route } from './http.ts';
import type { OrgState } from './seed.ts';

export interface WebhookSubscription {
  id: string;
  name: string;
  url: string;
  events: string[];
  authorization: unknown;
}

export interface WebhookDeliveryRecord {
  url: string;
  body: Record<string, unknown>;
  status: number | null;
}

const upperSnake = (pascal: string) => pascal.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

export function webhookPayload(org: OrgState, event: string, conv: DixaConversation, now: number) {
  const person = (id: string | null | undefined, type: 'Contact' | 'Member') => {
    const p = id ? (type === 'Member' ? org.agents.get(id) : org.endUsers.get(id)) : undefined;
    return p ? { id: p.id, name: p.displayName ?? null, email: p.email ?? null, phone: p.phoneNumber ?? null, roles: [], user_type: type } : null;
  };
  const queue = conv.queue ? org.queues.get(conv.queue.id) : undefined;
  return {
    event_id: randomUUID(),
    event_fqn: upperSnake(event),
    event_version: '1',
    event_timestamp: new Date(now).toISOString(),
    organization: { id: `org-${org.seed}`, name: 'Sandbox organisation' },
    data: {
      conversation: {
        csid: conv.id,
        channel: upperSnake(conv.channel),
        status: upperSnake(conv.state ?? 'Open'),
        direction: upperSnake(conv.direction ?? 'Inbound'),
        created_at: conv.createdAt,
        subject: conv.subject ?? null,
        tags: (org.conversationTags.get(conv.id) ?? []).map((id) => org.tags.get(id)?.name).filter(Boolean),
        queue: queue ? { id: queue.id, name: queue.name } : null,
        assignee: person(conv.assignment?.agentId, 'Member'),
        requester: person(conv.requesterId, 'Contact'),
      },
    },
  };
}

export const webhookRoutes = [
  route('POST', '/v1/webhooks', (ctx) => {
    const body = objectBody(ctx);
    if (typeof body.url !== 'string' || !URL.canParse(body.url) || !Array.isArray(body.events) || typeof body.name !== 'string') throw badRequest('Invalid value for: body');
    const sub: WebhookSubscription = { id: randomUUID(), name: body.name, url: body.url, events: body.events.map(String), authorization: body.authorization ?? { _type: 'NoAuth' } };
    ctx.org.webhooks.set(sub.id, sub);
    return { body: { data: sub } };
  }),
  route('GET', '/v1/webhooks', (ctx) => ({ body: { data: [...ctx.org.webhooks.values()] } })),
  route('DELETE', '/v1/webhooks/{id}', (ctx) => {
    if (!ctx.org.webhooks.delete(ctx.params.id ?? '')) throw notFound();
    return undefined;
  }),
];
