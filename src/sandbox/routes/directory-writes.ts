/** End-user, agent, team and tag writes. */
import { randomUUID } from 'node:crypto';
import { TAG_ACTIVE_STATE, TAG_INACTIVE_STATE } from '../../dixa/assumptions.ts';
import type { DixaAgent, DixaEndUser } from '../../dixa/wire.ts';
import { badRequest, objectBody, route, type RouteContext } from '../http.ts';
import { patchAttributes } from './attributes.ts';
import { tagOf } from './catalog.ts';
import { agentOf, endUserOf, teamOf } from './directory.ts';

const PERSON_FIELDS = ['displayName', 'email', 'phoneNumber', 'additionalEmails', 'additionalPhoneNumbers', 'firstName', 'lastName', 'middleNames', 'avatarUrl'] as const;
const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');

/** Copies the person fields present in `body`, checking their types as Dixa's decoder would. */
function personPatch(body: Record<string, unknown>, extra: readonly string[] = []): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of [...PERSON_FIELDS, ...extra]) {
    if (!(key in body)) continue;
    const value = body[key];
    const isList = key.startsWith('additional') || key === 'middleNames';
    const ok = value === null || (isList ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === 'string');
    if (!ok) throw badRequest('Invalid value for: body');
    patch[key] = value;
  }
  return patch;
}

function emailTaken(ctx: RouteContext, email: unknown, exceptId?: string): boolean {
  const wanted = lower(email);
  if (!wanted) return false;
  return [...ctx.org.endUsers.values(), ...ctx.org.agents.values()].some(
    (p) => p.id !== exceptId && (lower(p.email) === wanted || (p.additionalEmails ?? []).some((e) => lower(e) === wanted)),
  );
}

function bulkMembers(ctx: RouteContext, apply: (agentId: string) => void) {
  const body = objectBody(ctx);
  if (!Array.isArray(body.agentIds) || body.agentIds.some((id) => typeof id !== 'string')) throw badRequest('Invalid value for: body');
  return (body.agentIds as string[]).map((agentId) => {
    if (!ctx.org.agents.has(agentId)) return { _type: 'BulkActionFailure', error: { id: agentId, message: 'User not found', _type: 'NotFound' } };
    apply(agentId);
    return { _type: 'BulkActionSuccess', data: agentId };
  });
}

export const directoryWriteRoutes = [
  route('POST', '/v1/endusers', (ctx) => {
    const body = objectBody(ctx);
    const patch = personPatch(body, ['externalId']);
    if (emailTaken(ctx, patch.email)) throw badRequest('Create EndUser [id:None] failed with [errors:EmailExists]');
    if (patch.externalId && [...ctx.org.endUsers.values()].some((u) => u.externalId === patch.externalId)) throw badRequest('Duplicate externalId');
    const user = { additionalEmails: [], additionalPhoneNumbers: [], middleNames: [], ...patch, id: randomUUID(), createdAt: new Date(ctx.now()).toISOString(), customAttributes: [] } as DixaEndUser;
    ctx.org.endUsers.set(user.id, user);
    return { body: { data: user } };
  }),
  route('PATCH', '/v1/endusers/{id}', (ctx) => {
    const user = endUserOf(ctx);
    const patch = personPatch(objectBody(ctx), ['externalId']);
    if (emailTaken(ctx, patch.email, user.id)) throw badRequest(`Update EndUser [id:${user.id}] failed with [errors:EmailExists]`);
    if (patch.externalId && [...ctx.org.endUsers.values()].some((u) => u.id !== user.id && u.externalId === patch.externalId)) throw badRequest('Duplicate externalId');
    Object.assign(user, patch);
    return { body: { data: user } };
  }),
  route('PATCH', '/v1/endusers/{id}/custom-attributes', (ctx) => {
    const user = endUserOf(ctx);
    user.customAttributes = patchAttributes(ctx, 'Contact', user.customAttributes);
    return { body: { data: user.customAttributes } };
  }),
  route('POST', '/v1/agents', (ctx) => {
    const patch = personPatch(objectBody(ctx));
    if (typeof patch.displayName !== 'string' || typeof patch.email !== 'string') throw badRequest('Invalid value for: body');
    if (emailTaken(ctx, patch.email)) throw badRequest('Duplicate email address');
    const agent = { additionalEmails: [], additionalPhoneNumbers: [], middleNames: [], ...patch, id: randomUUID(), createdAt: new Date(ctx.now()).toISOString(), roles: ['Agent'] } as DixaAgent;
    ctx.org.agents.set(agent.id, agent);
    return { body: { data: agent } };
  }),
  route('PATCH', '/v1/agents/{id}', (ctx) => {
    const agent = agentOf(ctx);
    const patch = personPatch(objectBody(ctx));
    if (emailTaken(ctx, patch.email, agent.id)) throw badRequest('Duplicate email address');
    Object.assign(agent, patch);
    return { body: { data: agent } };
  }),
  // Dixa "deletes" an agent by downgrading it to an end user with the same id.
  route('DELETE', '/v1/agents/{id}', (ctx) => {
    const { roles: _roles, ...person } = agentOf(ctx);
    ctx.org.agents.delete(person.id);
    for (const [teamId, members] of ctx.org.teamMembers) ctx.org.teamMembers.set(teamId, members.filter((m) => m !== person.id));
    for (const [queueId, members] of ctx.org.queueMembers) ctx.org.queueMembers.set(queueId, members.filter((m) => m !== person.id));
    ctx.org.endUsers.set(person.id, { ...person, customAttributes: [] });
    return undefined;
  }),
  route('POST', '/v1/teams', (ctx) => {
    const { name } = objectBody(ctx);
    if (typeof name !== 'string' || !name.trim()) throw badRequest('Invalid value for: body');
    const team = { id: randomUUID(), name };
    ctx.org.teams.set(team.id, team);
    ctx.org.teamMembers.set(team.id, []);
    return { body: { data: team } };
  }),
  route('DELETE', '/v1/teams/{id}', (ctx) => {
    const team = teamOf(ctx);
    ctx.org.teams.delete(team.id);
    ctx.org.teamMembers.delete(team.id);
    return undefined;
  }),
  route('PATCH', '/v1/teams/{id}/agents', (ctx) => {
    const team = teamOf(ctx);
    const members = ctx.org.teamMembers.get(team.id) ?? [];
    const data = bulkMembers(ctx, (agentId) => {
      if (!members.includes(agentId)) members.push(agentId);
    });
    ctx.org.teamMembers.set(team.id, members);
    return { body: { data } };
  }),
  route('DELETE', '/v1/teams/{id}/agents', (ctx) => {
    const team = teamOf(ctx);
    const remove = new Set<string>();
    bulkMembers(ctx, (agentId) => remove.add(agentId));
    ctx.org.teamMembers.set(team.id, (ctx.org.teamMembers.get(team.id) ?? []).filter((m) => !remove.has(m)));
    return undefined;
  }),
  route('POST', '/v1/tags', (ctx) => {
    const { name, color } = objectBody(ctx);
    if (typeof name !== 'string' || !name.trim()) throw badRequest('Invalid value for: body');
    const existing = [...ctx.org.tags.values()].find((t) => lower(t.name) === lower(name));
    if (existing) return { body: { data: existing } };
    const tag = { id: randomUUID(), name: name.trim(), color: typeof color === 'string' ? color : null, state: TAG_ACTIVE_STATE };
    ctx.org.tags.set(tag.id, tag);
    return { body: { data: tag } };
  }),
  route('PATCH', '/v1/tags/{id}/activate', (ctx) => {
    tagOf(ctx).state = TAG_ACTIVE_STATE;
    return undefined;
  }),
  route('PATCH', '/v1/tags/{id}/deactivate', (ctx) => {
    tagOf(ctx).state = TAG_INACTIVE_STATE;
    return undefined;
  }),
  route('DELETE', '/v1/tags/{id}', (ctx) => {
    const tag = tagOf(ctx);
    ctx.org.tags.delete(tag.id);
    for (const [convId, tags] of ctx.org.conversationTags) ctx.org.conversationTags.set(convId, tags.filter((t) => t !== tag.id));
    return undefined;
  }),
];
