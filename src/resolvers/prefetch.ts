/**
 * Prefetching for tickets (README "Prefetching"): what a ticket's fields will need starts as soon
 * as its inputs are known — the thread and tags with the conversation (they need only its id),
 * the contact, assignee and queue as each conversation lands, the agent list as soon as a thread
 * shows an agent author — instead of after the whole list.
 * Only loads the selection will make anyway are started, through the same loaders, so the calls
 * are the same; only their timing changes.
 */
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.ts';
import type { CommentModel, TicketModel } from '../mapping/models.ts';
import type { TicketPrefetch } from './lists.ts';
import { childFields, childNodeFields, names, prefetch } from './lookahead.ts';
import { prefetchTeamsOf } from './User.ts';

/** Ticket fields answered from the thread (messages + notes). */
const THREAD_FIELDS = ['description', 'comments', 'firstResponseAt', 'firstResponseTime', 'messageCount'];

/** `fields`: what the selection asks of each ticket. Undefined when nothing is worth starting early. */
export function ticketPrefetch(ctx: Context, info: GraphQLResolveInfo, fields: FieldNode[]): TicketPrefetch | undefined {
  const wanted = names(fields);
  const thread = THREAD_FIELDS.some((name) => wanted.has(name));
  const tags = wanted.has('tags');
  const contact = wanted.has('contact');
  const collection = wanted.has('collection');
  const assignees = wanted.has('assignees');
  const assigneeFields = assignees ? names(childFields(info, fields, 'assignees')) : new Set<string>();
  const assigneeTeams = assigneeFields.has('teams') || assigneeFields.has('groups');
  const commentAuthors = names(childNodeFields(info, fields, 'comments')).has('author');
  if (!thread && !tags && !contact && !collection && !assignees) return undefined;

  /** Several tickets' agent authors: the agent list answers them all, even a thread that lands alone. */
  const threadLanded = (comments: CommentModel[]) => {
    if (comments.some((comment) => comment.author?.kind === 'User')) prefetch(() => ctx.loaders.userDirectory.get());
  };

  const landed = (ticket: TicketModel | null) => {
    if (!ticket) return;
    if (contact) prefetch(() => ctx.loaders.contact.load(ticket.contactId));
    if (collection && ticket.queueId) prefetch(() => ctx.loaders.collection.load(ticket.queueId!));
    if (assignees && ticket.assigneeId) {
      // The agent list (one call) answers every assignee of the list, as the resolvers' batch would.
      prefetch(() => ctx.loaders.userDirectory.get());
      prefetch(() => ctx.loaders.user.load(ticket.assigneeId!));
      if (assigneeTeams) prefetchTeamsOf(ctx, ticket.assigneeId);
    }
  };
  return (ids) => {
    // A single ticket's fields run as soon as it lands anyway: only lists wait for their last item.
    const list = ids.length > 1;
    for (const id of ids) {
      if (thread) prefetch(() => (list && commentAuthors ? ctx.loaders.thread.load(id).then(threadLanded) : ctx.loaders.thread.load(id)));
      if (tags) prefetch(() => ctx.loaders.ticketTags.load(id));
      if (list && (contact || collection || assignees)) prefetch(() => ctx.loaders.ticket.load(id).then(landed));
    }
  };
}
