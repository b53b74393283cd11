/** Contact, user and team writes. */
import type { Context } from '../context.ts';
import type {
  CreateContactInput,
  CreateTeamInput,
  CreateUserInput,
  DeactivateUserInput,
  DeleteTeamInput,
  TeamMembersInput,
  UpdateContactInput,
  UpdateUserInput,
} from '../generated/graphql.ts';
import { mapTeam, mapUser } from '../mapping/directory.ts';
import type { ContactModel, TeamModel, UserErrorModel, UserModel } from '../mapping/models.ts';
import { customFieldValues } from './custom-fields.ts';
import { attempt, required, userError, type FieldPath } from './user-errors.ts';

type PersonInput = Partial<Pick<CreateContactInput, 'name' | 'firstName' | 'lastName' | 'email' | 'additionalEmails' | 'phone' | 'avatarUrl'>> & {
  additionalPhones?: string[] | null;
  externalId?: string | null;
};

/** GraphQL person fields → Dixa's body: only the fields given; an explicit null clears. */
function personBody(input: PersonInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  set('displayName', input.name);
  set('firstName', input.firstName);
  set('lastName', input.lastName);
  set('email', input.email);
  set('additionalEmails', input.additionalEmails === null ? [] : input.additionalEmails);
  set('phoneNumber', input.phone);
  set('additionalPhoneNumbers', input.additionalPhones === null ? [] : input.additionalPhones);
  set('avatarUrl', input.avatarUrl);
  set('externalId', input.externalId);
  return body;
}

/** A TAKEN refusal from Dixa is about the e-mail address. */
const withEmailField = (error: UserErrorModel): UserErrorModel => (error.code === 'TAKEN' ? { ...error, field: ['input', 'email'] } : error);

async function contactAttributes(ctx: Context, input: { customFields?: CreateContactInput['customFields'] }) {
  if (!input.customFields?.length) return { values: null, errors: [] as UserErrorModel[] };
  return customFieldValues(input.customFields, await ctx.loaders.attributeDefinitions.get(), 'Contact', ['input', 'customFields']);
}

export async function createContact(ctx: Context, input: CreateContactInput): Promise<{ contact: ContactModel | null; userErrors: UserErrorModel[] }> {
  const body = personBody(input);
  if (!['displayName', 'firstName', 'lastName', 'email', 'phoneNumber', 'externalId'].some((k) => typeof body[k] === 'string' && (body[k] as string).trim()))
    return { contact: null, userErrors: [userError(['input'], 'Give at least a name, an e-mail, a phone or an externalId', 'REQUIRED')] };
  if (!body.displayName && (input.firstName || input.lastName)) body.displayName = [input.firstName, input.lastName].filter(Boolean).join(' ');
  const attrs = await contactAttributes(ctx, input);
  if (attrs.errors.length) return { contact: null, userErrors: attrs.errors };
  const created = await attempt(['input'], () => ctx.dixa.createEndUser(body));
  if (!created.ok) return { contact: null, userErrors: [withEmailField(created.error)] };
  const id = created.value.id;
  if (attrs.values) {
    const patched = await attempt(['input', 'customFields'], () => ctx.dixa.patchEndUserCustomAttributes(id, attrs.values!));
    if (!patched.ok) return { contact: await freshContact(ctx, id), userErrors: [patched.error] };
  }
  return { contact: await freshContact(ctx, id), userErrors: [] };
}

async function freshContact(ctx: Context, id: string) {
  ctx.loaders.invalidate.contact(id);
  return ctx.loaders.contactDetail.load(id);
}

export async function updateContact(ctx: Context, input: UpdateContactInput): Promise<{ contact: ContactModel | null; userErrors: UserErrorModel[] }> {
  const current = await ctx.loaders.contactDetail.load(input.id);
  if (!current) return { contact: null, userErrors: [userError(['input', 'id'], `Contact ${input.id} does not exist`, 'NOT_FOUND')] };
  const body = personBody(input);
  const attrs = await contactAttributes(ctx, input);
  if (attrs.errors.length) return { contact: current, userErrors: attrs.errors };
  if (!Object.keys(body).length && !attrs.values) return { contact: current, userErrors: [userError(['input'], 'Nothing to change', 'REQUIRED')] };
  if (Object.keys(body).length) {
    const patched = await attempt(['input'], () => ctx.dixa.patchEndUser(input.id, body));
    if (!patched.ok) return { contact: await freshContact(ctx, input.id), userErrors: [withEmailField(patched.error)] };
  }
  if (attrs.values) {
    const patched = await attempt(['input', 'customFields'], () => ctx.dixa.patchEndUserCustomAttributes(input.id, attrs.values!));
    if (!patched.ok) return { contact: await freshContact(ctx, input.id), userErrors: [patched.error] };
  }
  return { contact: await freshContact(ctx, input.id), userErrors: [] };
}

export async function createUser(ctx: Context, input: CreateUserInput): Promise<{ user: UserModel | null; userErrors: UserErrorModel[] }> {
  const missing = required(input.name, ['input', 'name'], 'name');
  if (missing) return { user: null, userErrors: [missing] };
  const created = await attempt(['input'], () => ctx.dixa.createAgent(personBody(input)));
  if (!created.ok) return { user: null, userErrors: [withEmailField(created.error)] };
  ctx.loaders.invalidate.user(created.value.id);
  return { user: mapUser(created.value), userErrors: [] };
}

export async function updateUser(ctx: Context, input: UpdateUserInput): Promise<{ user: UserModel | null; userErrors: UserErrorModel[] }> {
  const current = await ctx.loaders.user.load(input.id);
  if (!current) return { user: null, userErrors: [userError(['input', 'id'], `User ${input.id} does not exist`, 'NOT_FOUND')] };
  if (input.name !== undefined && !input.name?.trim()) return { user: current, userErrors: [userError(['input', 'name'], 'name cannot be empty', 'INVALID')] };
  const body = personBody(input);
  if (!Object.keys(body).length) return { user: current, userErrors: [userError(['input'], 'Nothing to change', 'REQUIRED')] };
  const patched = await attempt(['input'], () => ctx.dixa.patchAgent(input.id, body));
  ctx.loaders.invalidate.user(input.id);
  if (!patched.ok) return { user: await ctx.loaders.user.load(input.id), userErrors: [withEmailField(patched.error)] };
  return { user: mapUser(patched.value), userErrors: [] };
}

export async function deactivateUser(ctx: Context, input: DeactivateUserInput) {
  const current = await ctx.loaders.user.load(input.id);
  if (!current) return { deactivatedUserId: null, contact: null, userErrors: [userError(['input', 'id'], `User ${input.id} does not exist`, 'NOT_FOUND')] };
  const result = await attempt(['input', 'id'], () => ctx.dixa.deleteAgent(input.id));
  if (!result.ok) return { deactivatedUserId: null, contact: null, userErrors: [result.error] };
  ctx.loaders.invalidate.user(input.id);
  ctx.loaders.invalidate.teams();
  return { deactivatedUserId: input.id, contact: await freshContact(ctx, input.id), userErrors: [] };
}

export async function createTeam(ctx: Context, input: CreateTeamInput): Promise<{ team: TeamModel | null; userErrors: UserErrorModel[] }> {
  const missing = required(input.name, ['input', 'name'], 'name');
  if (missing) return { team: null, userErrors: [missing] };
  const created = await attempt(['input'], () => ctx.dixa.createTeam({ name: input.name.trim() }));
  if (!created.ok) return { team: null, userErrors: [created.error] };
  ctx.loaders.invalidate.teams();
  return { team: mapTeam(created.value), userErrors: [] };
}

export async function deleteTeam(ctx: Context, input: DeleteTeamInput) {
  if (!(await ctx.loaders.team.load(input.id))) return { deletedTeamId: null, userErrors: [userError(['input', 'id'], `Team ${input.id} does not exist`, 'NOT_FOUND')] };
  const result = await attempt(['input', 'id'], () => ctx.dixa.deleteTeam(input.id));
  ctx.loaders.invalidate.teams();
  return result.ok ? { deletedTeamId: input.id, userErrors: [] } : { deletedTeamId: null, userErrors: [result.error] };
}

export async function changeTeamMembers(ctx: Context, input: TeamMembersInput, mode: 'add' | 'remove'): Promise<{ team: TeamModel | null; userErrors: UserErrorModel[] }> {
  const team = await ctx.loaders.team.load(input.teamId);
  if (!team) return { team: null, userErrors: [userError(['input', 'teamId'], `Team ${input.teamId} does not exist`, 'NOT_FOUND')] };
  if (!input.userIds.length) return { team, userErrors: [userError(['input', 'userIds'], 'Give at least one user id', 'REQUIRED')] };
  const users = await ctx.loaders.user.loadMany(input.userIds);
  const errors = input.userIds.flatMap((id, i): UserErrorModel[] => {
    const user = users[i];
    if (user instanceof Error) throw user;
    return user ? [] : [userError(['input', 'userIds', i], `User ${id} does not exist`, 'NOT_FOUND')];
  });
  if (errors.length) return { team, userErrors: errors };
  const field: FieldPath = ['input', 'userIds'];
  const result = await attempt(field, () =>
    mode === 'add' ? ctx.dixa.addTeamMembers(team.id, input.userIds) : ctx.dixa.removeTeamMembers(team.id, input.userIds).then(() => []),
  );
  ctx.loaders.invalidate.teams();
  if (!result.ok) return { team, userErrors: [result.error] };
  const refused = result.value.flatMap((outcome): UserErrorModel[] =>
    outcome.ok ? [] : [userError([...field, Math.max(0, input.userIds.indexOf(outcome.id ?? ''))], `Dixa refused it: ${outcome.message}`, 'REJECTED')],
  );
  return { team: await ctx.loaders.team.load(team.id), userErrors: refused };
}
