/** Queues, tags and custom attribute definitions. */
import { TAG_ACTIVE_STATE } from '../../dixa/assumptions.ts';
import { notFound, route, type RouteContext } from '../http.ts';

export function queueOf(ctx: RouteContext, id = ctx.params.id ?? '') {
  const queue = ctx.org.queues.get(id);
  if (!queue) throw notFound();
  return queue;
}

export function tagOf(ctx: RouteContext, id = ctx.params.tagId ?? ctx.params.id ?? '') {
  const tag = ctx.org.tags.get(id);
  if (!tag) throw notFound();
  return tag;
}

export const catalogReadRoutes = [
  route('GET', '/v1/queues', (ctx) => ({ body: { data: [...ctx.org.queues.values()] } })),
  route('GET', '/v1/queues/{id}', (ctx) => ({ body: { data: queueOf(ctx) } })),
  route('GET', '/v1/queues/{id}/members', (ctx) => ({
    body: { data: (ctx.org.queueMembers.get(queueOf(ctx).id) ?? []).map((agentId) => ({ agentId })) },
  })),
  route('GET', '/v1/tags', (ctx) => {
    const all = [...ctx.org.tags.values()];
    return { body: { data: ctx.query.get('includeDeactivated') === 'true' ? all : all.filter((t) => t.state === TAG_ACTIVE_STATE) } };
  }),
  route('GET', '/v1/tags/{id}', (ctx) => ({ body: { data: tagOf(ctx) } })),
  route('GET', '/v1/custom-attributes', (ctx) => ({ body: { data: ctx.org.customAttributes } })),
  route('GET', '/v1/custom-attributes/{id}', (ctx) => {
    const def = ctx.org.customAttributes.find((d) => d.id === ctx.params.id);
    if (!def) throw notFound();
    return { body: { data: def } };
  }),
];
