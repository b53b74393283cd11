/** createComment (note or message) and createTag. */
import type { Context } from '../context.ts';
import type { CreateCommentInput, CreateTagInput } from '../generated/graphql.ts';
import { mapTag } from '../mapping/catalog.ts';
import { commentId } from '../mapping/comments.ts';
import type { CommentModel, TagModel, TicketModel, UserErrorModel } from '../mapping/models.ts';
import { existingTicket } from './tickets.ts';
import { attempt, required, userError } from './user-errors.ts';

export interface CommentPayloadModel {
  comment: CommentModel | null;
  ticket: TicketModel | null;
  userErrors: UserErrorModel[];
}

const failed = (userErrors: UserErrorModel[], ticket: TicketModel | null = null): CommentPayloadModel => ({ comment: null, ticket, userErrors });

export async function createComment(ctx: Context, input: CreateCommentInput): Promise<CommentPayloadModel> {
  const bodyMissing = required(input.body, ['input', 'body'], 'body');
  if (bodyMissing) return failed([bodyMissing]);
  const found = await existingTicket(ctx, input.ticketId, ['input', 'ticketId']);
  if ('code' in found) return failed([found]);
  const errors: UserErrorModel[] = [];
  if (input.isPrivate && input.attachments?.length) errors.push(userError(['input', 'attachments'], 'Dixa internal notes carry no attachments', 'INVALID'));
  if (input.isPrivate && input.bodyIsHtml) errors.push(userError(['input', 'bodyIsHtml'], 'Dixa internal notes are plain text', 'INVALID'));
  if (!input.isPrivate && !input.userId) errors.push(userError(['input', 'userId'], 'A public comment is sent by a user: give userId', 'REQUIRED'));
  if (input.userId && !(await ctx.loaders.user.load(input.userId))) errors.push(userError(['input', 'userId'], `User ${input.userId} does not exist`, 'NOT_FOUND'));
  if (errors.length) return failed(errors, found);

  const id = found.conversationId;
  const created = await attempt(['input'], async () =>
    input.isPrivate
      ? (await ctx.dixa.createNote(id, { message: input.body, ...(input.userId ? { agentId: input.userId } : {}) })).id
      : (
          await ctx.dixa.createMessage(id, {
            _type: 'Outbound',
            content: { _type: input.bodyIsHtml ? 'Html' : 'Text', value: input.body },
            attachments: (input.attachments ?? []).map((a) => ({ url: a.url, prettyName: a.fileName ?? undefined })),
            agentId: input.userId,
          })
        ).messageId,
  );
  if (!created.ok) return failed([created.error], found);
  ctx.loaders.invalidate.ticket(found.id);
  const thread = await ctx.loaders.thread.load(found.id);
  const comment = thread.find((c) => c.id === commentId(found.id, created.value)) ?? null;
  return { comment, ticket: await ctx.loaders.ticket.load(found.id), userErrors: [] };
}

export async function createTag(ctx: Context, input: CreateTagInput): Promise<{ tag: TagModel | null; userErrors: UserErrorModel[] }> {
  const missing = required(input.name, ['input', 'name'], 'name');
  if (missing) return { tag: null, userErrors: [missing] };
  if (input.color != null && !/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(input.color))
    return { tag: null, userErrors: [userError(['input', 'color'], 'color is a hex colour like #e74c3c', 'INVALID')] };
  const created = await attempt(['input'], () => ctx.dixa.createTag({ name: input.name.trim(), ...(input.color ? { color: input.color } : {}) }));
  if (!created.ok) return { tag: null, userErrors: [created.error] };
  ctx.loaders.invalidate.tags();
  return { tag: mapTag(created.value), userErrors: [] };
}
