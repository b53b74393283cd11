/** End users, agents and teams. */
import { PAGE_LIMIT } from '../../dixa/assumptions.ts';
import type { DixaAgent, DixaEndUser } from '../../dixa/wire.ts';
import { badRequest, notFound, paged, route, type RouteContext } from '../http.ts';

const lower = (s: string | null | undefined) => (s ?? '').toLowerCase();

/** List items omit customAttributes, as Dixa's list endpoint does. */
function listView({ customAttributes: _omitted, ...user }: DixaEndUser): DixaEndUser {
  return user;
}

export function endUserOf(ctx: RouteContext, id = ctx.params.id ?? ''): DixaEndUser {
  const user = ctx.org.endUsers.get(id);
  if (!user) throw notFound();
  return user;
}

export function agentOf(ctx: RouteContext, id = ctx.params.id ?? ''): DixaAgent {
  const agent = ctx.org.agents.get(id);
  if (!agent) throw notFound();
  return agent;
}

function contactFilters(ctx: RouteContext) {
  const email = ctx.query.get('email');
  const phone = ctx.query.get('phone');
  if (email && phone) throw badRequest('Invalid filters: Cannot provide both phone number and email address');
  return { email: email ? lower(email) : null, phone };
}

function listEndUsers(ctx: RouteContext) {
  const { email, phone } = contactFilters(ctx);
  const externalId = ctx.query.get('externalId');
  const users = [...ctx.org.endUsers.values()].filter(
    (u) =>
      (!email || lower(u.email) === email || (u.additionalEmails ?? []).some((e) => lower(e) === email)) &&
      (!phone || u.phoneNumber === phone || (u.additionalPhoneNumbers ?? []).includes(phone)) &&
      (!externalId || u.externalId === externalId),
  );
  return paged(ctx, users.map(listView), PAGE_LIMIT.endUsers, JSON.stringify({ email, phone, externalId }));
}

function listAgents(ctx: RouteContext) {
  const { email, phone } = contactFilters(ctx);
  const agents = [...ctx.org.agents.values()].filter(
    (a) =>
      (!email || lower(a.email) === email || (a.additionalEmails ?? []).some((e) => lower(e) === email)) &&
      (!phone || a.phoneNumber === phone),
  );
  return paged(ctx, agents, PAGE_LIMIT.agents, JSON.stringify({ email, phone }));
}

function teamOf(ctx: RouteContext) {
  const team = ctx.org.teams.get(ctx.params.id ?? '');
  if (!team) throw notFound();
  return team;
}

export const directoryReadRoutes = [
  route('GET', '/v1/endusers', listEndUsers),
  route('GET', '/v1/endusers/{id}', (ctx) => ({ body: { data: endUserOf(ctx) } })),
  route('GET', '/v1/endusers/{id}/conversations', (ctx) => {
    const user = endUserOf(ctx);
    const convs = [...ctx.org.conversations.values()].filter((c) => c.requesterId === user.id).sort((a, b) => b.id - a.id);
    return paged(ctx, convs, PAGE_LIMIT.endUserConversations);
  }),
  route('GET', '/v1/agents', listAgents),
  route('GET', '/v1/agents/{id}', (ctx) => ({ body: { data: agentOf(ctx) } })),
  route('GET', '/v1/agents/{id}/teams', (ctx) => {
    const agent = agentOf(ctx);
    const teams = [...ctx.org.teams.values()].filter((t) => ctx.org.teamMembers.get(t.id)?.includes(agent.id));
    return { body: { data: teams.map((t) => ({ id: t.id, name: t.name })) } };
  }),
  route('GET', '/v1/teams', (ctx) => ({ body: { data: [...ctx.org.teams.values()] } })),
  route('GET', '/v1/teams/{id}', (ctx) => ({ body: { data: teamOf(ctx) } })),
  route('GET', '/v1/teams/{id}/agents', (ctx) => {
    const ids = ctx.org.teamMembers.get(teamOf(ctx).id) ?? [];
    return { body: { data: ids.map((id) => ctx.org.agents.get(id)).filter(Boolean) } };
  }),
];

export { teamOf };
