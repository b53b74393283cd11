/** Conversations and what hangs off them (thread, tags), plus the ticket list pages. */
import type { LimitFunction } from 'p-limit';
import type { DixaApi } from '../dixa/api.ts';
import type { DixaConversation, DixaSearchBody } from '../dixa/wire.ts';
import { mergeThread } from '../mapping/comments.ts';
import { mapTag } from '../mapping/catalog.ts';
import type { CommentModel, TagModel } from '../mapping/models.ts';
import { mapTicket } from '../mapping/tickets.ts';
import { byIdLoader, orNull, pageLoader, perKeyLoader } from './util.ts';

export function ticketLoaders(dixa: DixaApi, limit: LimitFunction, primeTags: (tags: TagModel[]) => void) {
  const ticket = byIdLoader('ticket', limit, async (id) => {
    const conversation = await orNull(() => dixa.getConversation(Number(id)));
    return conversation && mapTicket(conversation);
  });
  const primeConversations = (conversations: DixaConversation[]) => {
    for (const c of conversations) ticket.prime(String(c.id), mapTicket(c));
  };

  /** Messages and notes of a ticket, merged oldest first: two calls per ticket, in parallel. */
  const thread = perKeyLoader<string, CommentModel[]>('thread', async (id) => {
    const [messages, notes] = await Promise.all([
      limit(() => dixa.listConversationMessages(Number(id))),
      limit(() => dixa.listConversationNotes(Number(id))),
    ]);
    return mergeThread(messages, notes, id);
  });

  const ticketTags = perKeyLoader<string, TagModel[]>('ticketTags', async (id) => {
    const tags = (await limit(() => dixa.listConversationTags(Number(id)))).map(mapTag);
    primeTags(tags);
    return tags;
  });

  /** Search pages: ids only; the conversations themselves come through `ticket`. */
  const searchPage = pageLoader<DixaSearchBody, { id: number }>(
    'searchPage',
    (body, pageKey, pageLimit) => dixa.searchConversations(body, { pageKey, pageLimit }),
    () => {},
  );

  /** A contact's conversations come whole, so they prime `ticket`. */
  const contactTicketPage = pageLoader<string, DixaConversation>(
    'contactTicketPage',
    (contactId, pageKey, pageLimit) => dixa.listEndUserConversations(contactId, { pageKey, pageLimit }),
    primeConversations,
  );

  return { ticket, thread, ticketTags, searchPage, contactTicketPage };
}
