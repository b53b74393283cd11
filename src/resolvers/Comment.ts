import type { AttachmentResolvers, CommentAuthorResolvers, CommentResolvers } from '../generated/graphql.ts';
import type { Context } from '../context.ts';
import { graphQLError } from '../errors.ts';
import { orNull } from '../loaders/util.ts';
import { parseCommentId } from '../mapping/comments.ts';
import type { CommentModel, TicketModel } from '../mapping/models.ts';

async function commentById(ctx: Context, id: string): Promise<CommentModel | null> {
  const parsed = parseCommentId(id);
  if (!parsed) return null;
  const thread = await orNull(() => ctx.loaders.thread.load(parsed.ticketId));
  return thread?.find((comment) => comment.id === id) ?? null;
}

/** A comment's or attachment's ticket exists unless Dixa deleted it meanwhile: say so clearly. */
async function ticketOf(ctx: Context, ticketId: string): Promise<TicketModel> {
  const ticket = await ctx.loaders.ticket.load(ticketId);
  if (!ticket) throw graphQLError('NOT_FOUND', `Ticket ${ticketId} no longer exists in Dixa`);
  return ticket;
}

export const Comment: CommentResolvers = {
  __resolveReference: (ref, ctx) => commentById(ctx, ref.id),
  ticket: (comment, _, ctx) => ticketOf(ctx, comment.ticketId),
  /** Authors are looked up by their role; an author Dixa no longer knows is null. */
  author: async (comment, _, ctx) => {
    if (!comment.author) return null;
    const { kind, id } = comment.author;
    return kind === 'User' ? ctx.loaders.user.load(id) : ctx.loaders.contact.load(id);
  },
};

export const CommentAuthor: CommentAuthorResolvers = {
  __resolveType: (author) => ('roles' in author ? 'User' : 'Contact'),
};

export const Attachment: AttachmentResolvers = {
  ticket: (attachment, _, ctx) => ticketOf(ctx, attachment.ticketId),
  comment: async (attachment, _, ctx) => {
    const comment = await commentById(ctx, attachment.commentId);
    if (!comment) throw graphQLError('NOT_FOUND', `Comment ${attachment.commentId} no longer exists in Dixa`);
    return comment;
  },
};
