/** Ticket writes: create, update (status, assignee, queue, custom fields), close, reopen, tags. */
import type { Context } from '../context.ts';
import { dixaToGraphQLError } from '../errors.ts';
import { DixaError } from '../dixa/errors.ts';
import type {
  CloseTicketInput,
  CreateTicketInput,
  ReopenTicketInput,
  TicketTagsInput,
  UpdateTicketInput,
} from '../generated/graphql.ts';
import type { TagModel, TicketModel, UserErrorModel } from '../mapping/models.ts';
import { mapTag } from '../mapping/catalog.ts';
import { isTicketId } from '../resolvers/ids.ts';
import { customFieldValues } from './custom-fields.ts';
import { attempt, required, userError, type FieldPath } from './user-errors.ts';

export interface TicketPayloadModel {
  ticket: TicketModel | null;
  userErrors: UserErrorModel[];
  appliedChanges: string[];
}

const CHANNEL_TYPES = { EMAIL: 'Email', CHAT: 'Chat', CONTACT_FORM: 'ContactForm', CALLBACK: 'Callback', SMS: 'Sms' } as const;

const failed = (userErrors: UserErrorModel[], ticket: TicketModel | null = null): TicketPayloadModel => ({ ticket, userErrors, appliedChanges: [] });

/** The ticket as Dixa has it now (after a write). */
async function fresh(ctx: Context, id: string): Promise<TicketModel | null> {
  ctx.loaders.invalidate.ticket(id);
  return ctx.loaders.ticket.load(id);
}

/** The ticket named by an input, or the userError saying why not. */
export async function existingTicket(ctx: Context, id: string, field: FieldPath): Promise<TicketModel | UserErrorModel> {
  if (!isTicketId(id)) return userError(field, `"${id}" is not a Dixa ticket id (digits)`, 'INVALID');
  return (await ctx.loaders.ticket.load(id)) ?? userError(field, `Ticket ${id} does not exist`, 'NOT_FOUND');
}

async function checkUser(ctx: Context, id: string | null | undefined, field: FieldPath): Promise<UserErrorModel | null> {
  if (!id) return null;
  return (await ctx.loaders.user.load(id)) ? null : userError(field, `User ${id} does not exist`, 'NOT_FOUND');
}

const isError = (value: unknown): value is UserErrorModel => typeof value === 'object' && value !== null && 'code' in value && 'message' in value;

export async function createTicket(ctx: Context, input: CreateTicketInput): Promise<TicketPayloadModel> {
  const errors: UserErrorModel[] = [];
  const direction = input.direction ?? 'INBOUND';
  const push = (e: UserErrorModel | null) => e && errors.push(e);
  push(required(input.contactId, ['input', 'contactId'], 'contactId'));
  push(required(input.body, ['input', 'body'], 'The first message'));
  if (direction === 'OUTBOUND' && !input.userId) push(userError(['input', 'userId'], 'An OUTBOUND first message needs the writing user', 'REQUIRED'));
  if (input.channel === 'SMS' && direction !== 'OUTBOUND') push(userError(['input', 'direction'], 'Dixa creates SMS tickets only as OUTBOUND', 'INVALID'));
  if (input.language && !/^[a-z]{2}$/i.test(input.language)) push(userError(['input', 'language'], 'language is an ISO 639-1 code (two letters)', 'INVALID'));
  if (errors.length) return failed(errors);
  if (!(await ctx.loaders.contact.load(input.contactId))) push(userError(['input', 'contactId'], `Contact ${input.contactId} does not exist`, 'NOT_FOUND'));
  push(await checkUser(ctx, input.userId, ['input', 'userId']));
  if (errors.length) return failed(errors);

  const created = await attempt(['input'], () =>
    ctx.dixa.createConversation({
      requesterId: input.contactId,
      _type: CHANNEL_TYPES[input.channel],
      subject: input.subject ?? undefined,
      emailIntegrationId: input.emailIntegrationId ?? undefined,
      language: input.language ?? undefined,
      agentId: input.userId ?? undefined,
      message: {
        _type: direction === 'OUTBOUND' ? 'Outbound' : 'Inbound',
        content: { _type: input.bodyIsHtml ? 'Html' : 'Text', value: input.body },
        attachments: (input.attachments ?? []).map((a) => ({ url: a.url, prettyName: a.fileName ?? undefined })),
        agentId: input.userId ?? undefined,
      },
    }),
  );
  if (!created.ok) return failed([created.error]);
  return { ticket: await fresh(ctx, String(created.value.id)), userErrors: [], appliedChanges: ['created'] };
}

type Step = { name: string; field: FieldPath; run: () => Promise<unknown> };

export async function updateTicket(ctx: Context, input: UpdateTicketInput): Promise<TicketPayloadModel> {
  const found = await existingTicket(ctx, input.id, ['input', 'id']);
  if (isError(found)) return failed([found]);
  const ticket = found;
  const id = ticket.conversationId;
  const errors: UserErrorModel[] = [];
  if (input.subject != null) errors.push(userError(['input', 'subject'], "Dixa's API cannot change a ticket's subject", 'UNSUPPORTED'));
  if (input.status === 'PENDING') {
    if (!input.pendingUntil) errors.push(userError(['input', 'pendingUntil'], 'status PENDING needs pendingUntil', 'REQUIRED'));
    else if (input.pendingUntil.getTime() <= Date.now()) errors.push(userError(['input', 'pendingUntil'], 'pendingUntil must be in the future', 'INVALID'));
  } else if (input.pendingUntil) errors.push(userError(['input', 'pendingUntil'], 'pendingUntil goes with status PENDING', 'INVALID'));
  if (input.assigneeId) {
    const e = await checkUser(ctx, input.assigneeId, ['input', 'assigneeId']);
    if (e) errors.push(e);
  }
  if (input.collectionId && !(await ctx.loaders.collection.load(input.collectionId)))
    errors.push(userError(['input', 'collectionId'], `Collection ${input.collectionId} does not exist`, 'NOT_FOUND'));
  let attributeValues: Record<string, string | string[] | null> | null = null;
  if (input.customFields?.length) {
    const resolved = customFieldValues(input.customFields, await ctx.loaders.attributeDefinitions.get(), 'Conversation', ['input', 'customFields']);
    errors.push(...resolved.errors);
    attributeValues = resolved.values;
  }
  if (errors.length) return failed(errors, ticket);

  // Reopen first and close/park last, so the other changes land on an open ticket.
  const steps: Step[] = [];
  const current = ticket.status.category;
  const statusStep = (): Step | null => {
    if (!input.status || input.status === current) return null;
    if (input.status === 'OPEN') return { name: 'status', field: ['input', 'status'], run: () => ctx.dixa.reopenConversation(id) };
    if (input.status === 'CLOSED') return { name: 'status', field: ['input', 'status'], run: () => ctx.dixa.closeConversation(id) };
    return { name: 'status', field: ['input', 'status'], run: () => ctx.dixa.followUpConversation(id, { timestamp: input.pendingUntil!.toISOString() }) };
  };
  const status = statusStep();
  if (status && input.status === 'OPEN') steps.push(status);
  if (input.collectionId && input.collectionId !== ticket.queueId)
    steps.push({ name: 'collection', field: ['input', 'collectionId'], run: () => ctx.dixa.transferConversationToQueue(id, { queueId: input.collectionId! }) });
  if (input.assigneeId && (input.assigneeId !== ticket.assigneeId || input.collectionId))
    steps.push({ name: 'assignee', field: ['input', 'assigneeId'], run: () => ctx.dixa.claimConversation(id, { agentId: input.assigneeId!, force: input.forceAssign ?? false }) });
  if (attributeValues) steps.push({ name: 'customFields', field: ['input', 'customFields'], run: () => ctx.dixa.patchConversationCustomAttributes(id, attributeValues!) });
  if (status && input.status !== 'OPEN') steps.push(status);

  const applied: string[] = [];
  for (const step of steps) {
    try {
      const result = await attempt(step.field, step.run);
      if (!result.ok) return { ticket: await fresh(ctx, ticket.id), userErrors: [result.error], appliedChanges: applied };
    } catch (error) {
      // An infrastructure failure mid-way: say which changes did land.
      if (error instanceof DixaError && applied.length) {
        ctx.loaders.invalidate.ticket(ticket.id);
        const mapped = dixaToGraphQLError(error);
        throw Object.assign(mapped, { extensions: { ...mapped.extensions, appliedChanges: applied } });
      }
      throw error;
    }
    applied.push(step.name);
  }
  return { ticket: await fresh(ctx, ticket.id), userErrors: [], appliedChanges: applied };
}

async function changeState(ctx: Context, input: CloseTicketInput | ReopenTicketInput, target: 'CLOSED' | 'OPEN'): Promise<TicketPayloadModel> {
  const found = await existingTicket(ctx, input.id, ['input', 'id']);
  if (isError(found)) return failed([found]);
  const closed = found.status.category === 'CLOSED';
  if (target === 'CLOSED' && closed) return failed([userError(['input', 'id'], `Ticket ${found.id} is already closed`, 'ALREADY_IN_STATE')], found);
  if (target === 'OPEN' && !closed) return failed([userError(['input', 'id'], `Ticket ${found.id} is not closed`, 'ALREADY_IN_STATE')], found);
  const userProblem = await checkUser(ctx, input.userId, ['input', 'userId']);
  if (userProblem) return failed([userProblem], found);
  const body = input.userId ? { userId: input.userId } : {};
  const result = await attempt(['input', 'id'], () =>
    target === 'CLOSED' ? ctx.dixa.closeConversation(found.conversationId, body) : ctx.dixa.reopenConversation(found.conversationId, body),
  );
  if (!result.ok) return failed([result.error], await fresh(ctx, found.id));
  return { ticket: await fresh(ctx, found.id), userErrors: [], appliedChanges: ['status'] };
}

export const closeTicket = (ctx: Context, input: CloseTicketInput) => changeState(ctx, input, 'CLOSED');
export const reopenTicket = (ctx: Context, input: ReopenTicketInput) => changeState(ctx, input, 'OPEN');

/** Resolves tag ids and names; for `add` with createMissing, names that do not exist are created. */
async function resolveTags(ctx: Context, input: TicketTagsInput, mode: 'add' | 'remove'): Promise<{ tags: TagModel[]; errors: UserErrorModel[]; toCreate: string[] }> {
  const all = await ctx.loaders.tags.get();
  const errors: UserErrorModel[] = [];
  const tags: TagModel[] = [];
  const toCreate: string[] = [];
  (input.tagIds ?? []).forEach((tagId, i) => {
    const tag = all.find((t) => t.id === tagId);
    if (!tag) errors.push(userError(['input', 'tagIds', i], `Tag ${tagId} does not exist`, 'NOT_FOUND'));
    else tags.push(tag);
  });
  (input.tagNames ?? []).forEach((name, i) => {
    const tag = all.find((t) => t.name.toLowerCase() === name.trim().toLowerCase());
    if (tag) tags.push(tag);
    else if (!name.trim()) errors.push(userError(['input', 'tagNames', i], 'A tag name cannot be empty', 'INVALID'));
    else if (mode === 'add' && input.createMissing) toCreate.push(name.trim());
    else errors.push(userError(['input', 'tagNames', i], `No tag named "${name}"${mode === 'add' ? ' (pass createMissing: true to create it)' : ''}`, 'NOT_FOUND'));
  });
  if (mode === 'add')
    tags.forEach((tag) => {
      if (!tag.isActive) errors.push(userError(['input'], `Tag "${tag.name}" is deactivated: Dixa only adds active tags`, 'INVALID'));
    });
  if (!input.tagIds?.length && !input.tagNames?.length) errors.push(userError(['input', 'tagIds'], 'Give tagIds or tagNames', 'REQUIRED'));
  return { tags: [...new Map(tags.map((t) => [t.id, t])).values()], errors, toCreate };
}

export async function changeTicketTags(ctx: Context, input: TicketTagsInput, mode: 'add' | 'remove'): Promise<TicketPayloadModel> {
  const found = await existingTicket(ctx, input.id, ['input', 'id']);
  if (isError(found)) return failed([found]);
  const { tags, errors, toCreate } = await resolveTags(ctx, input, mode);
  if (errors.length) return failed(errors, found);
  const applied: string[] = [];
  for (const name of toCreate) {
    const created = await attempt(['input', 'tagNames'], () => ctx.dixa.createTag({ name }));
    if (!created.ok) return { ticket: await fresh(ctx, found.id), userErrors: [created.error], appliedChanges: applied };
    ctx.loaders.invalidate.tags();
    tags.push(mapTag(created.value));
    applied.push(`created tag ${name}`);
  }
  for (const tag of tags) {
    const result = await attempt(['input'], () =>
      mode === 'add' ? ctx.dixa.tagConversation(found.conversationId, tag.id) : ctx.dixa.untagConversation(found.conversationId, tag.id),
    );
    if (!result.ok) return { ticket: await fresh(ctx, found.id), userErrors: [result.error], appliedChanges: applied };
    applied.push(`${mode === 'add' ? 'tagged' : 'untagged'} ${tag.name}`);
  }
  return { ticket: await fresh(ctx, found.id), userErrors: [], appliedChanges: applied };
}
