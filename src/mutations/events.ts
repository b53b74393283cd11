/** Event subscriptions (Dixa webhooks) and push consumers. */
import { accountKeyOf, type Context } from '../context.ts';
import { graphQLError } from '../errors.ts';
import type { RegisterEventConsumerInput, SubscribeTicketEventsInput, UnregisterEventConsumerInput, UnsubscribeTicketEventsInput } from '../generated/graphql.ts';
import { SUBSCRIBED_EVENTS } from '../mapping/events.ts';
import type { EventStore } from '../events/store.ts';
import { attempt, userError } from './user-errors.ts';

export function eventsOf(ctx: Context): EventStore {
  if (!ctx.events) throw graphQLError('UPSTREAM_UNAVAILABLE', 'Ticket events need the database (this server runs without one)');
  return ctx.events;
}

export async function subscribeTicketEvents(ctx: Context, input: SubscribeTicketEventsInput | null | undefined) {
  const store = eventsOf(ctx);
  const events = input?.events?.length ? input.events : SUBSCRIBED_EVENTS;
  const bad = events.findIndex((e) => !/^[A-Z][A-Za-z]{2,80}$/.test(e));
  if (bad >= 0) return { subscription: null, userErrors: [userError(['input', 'events', bad], 'Dixa event names are PascalCase, e.g. ConversationClosed', 'INVALID')] };
  const { subscription, secret } = await store.createSubscription(accountKeyOf(ctx), events);
  const url = `${ctx.publicUrl.replace(/\/$/, '')}/webhooks/dixa/${subscription.id}/${secret}`;
  const created = await attempt(['input'], () => ctx.dixa.createWebhook({ name: `dixa-subgraph ${subscription.id.slice(0, 8)}`, url, events, authorization: { _type: 'NoAuth' } }));
  if (!created.ok) {
    await store.deleteSubscription(accountKeyOf(ctx), subscription.id);
    return { subscription: null, userErrors: [created.error] };
  }
  return { subscription: await store.setDixaWebhookId(subscription.id, created.value.id), userErrors: [] };
}

export async function unsubscribeTicketEvents(ctx: Context, input: UnsubscribeTicketEventsInput) {
  const store = eventsOf(ctx);
  const existing = (await store.subscriptions(accountKeyOf(ctx))).find((s) => s.id === input.id);
  if (!existing) return { subscription: null, userErrors: [userError(['input', 'id'], `No subscription ${input.id}`, 'NOT_FOUND')] };
  if (existing.dixaWebhookId) {
    const removed = await attempt(['input', 'id'], () => ctx.dixa.deleteWebhook(existing.dixaWebhookId!));
    if (!removed.ok && removed.error.code !== 'NOT_FOUND') return { subscription: existing, userErrors: [removed.error] };
  }
  return { subscription: await store.deleteSubscription(accountKeyOf(ctx), input.id), userErrors: [] };
}

export async function registerEventConsumer(ctx: Context, input: RegisterEventConsumerInput) {
  const store = eventsOf(ctx);
  if (!/^https?:$/.test(new URL(input.url).protocol)) return { consumer: null, secret: null, userErrors: [userError(['input', 'url'], 'url must be http(s)', 'INVALID')] };
  const { consumer, secret } = await store.addConsumer(accountKeyOf(ctx), input.url, input.types ?? []);
  return { consumer, secret, userErrors: [] };
}

export async function unregisterEventConsumer(ctx: Context, input: UnregisterEventConsumerInput) {
  const removed = await eventsOf(ctx).removeConsumer(accountKeyOf(ctx), input.id);
  return removed ? { consumer: removed, secret: null, userErrors: [] } : { consumer: null, secret: null, userErrors: [userError(['input', 'id'], `No consumer ${input.id}`, 'NOT_FOUND')] };
}
