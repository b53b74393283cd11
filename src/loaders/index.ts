/** Fresh loaders for every GraphQL request: DataLoader memoises per request, it is not a cache. */
import pLimit from 'p-limit';
import type { DixaApi } from '../dixa/api.ts';
import { catalogLoaders } from './catalog.ts';
import { contactLoaders, teamLoaders, userLoaders } from './directory.ts';
import { ticketLoaders } from './tickets.ts';

export interface LoaderOptions {
  /** Dixa calls one request may have in flight for per-id endpoints. */
  concurrency: number;
}

export function createLoaders(dixa: DixaApi, options: LoaderOptions = { concurrency: 8 }) {
  const limit = pLimit(options.concurrency);
  const catalog = catalogLoaders(dixa);
  const loaders = {
    ...catalog,
    ...ticketLoaders(dixa, limit, catalog.primeTags),
    ...contactLoaders(dixa, limit),
    ...userLoaders(dixa, limit),
    ...teamLoaders(dixa, limit),
  };
  return { ...loaders, invalidate: invalidation(loaders) };
}

/**
 * What a write makes stale within the request: after a mutation the follow-up fields read what
 * Dixa now has, never what this request saw before.
 */
function invalidation(l: BaseLoaders) {
  return {
    ticket(id: string) {
      l.ticket.clear(id);
      l.thread.clear(id);
      l.ticketTags.clear(id);
      l.searchPage.clearAll();
      l.contactTicketPage.clearAll();
    },
    contact(id: string) {
      l.contact.clear(id);
      l.contactDetail.clear(id);
      l.contactByEmail.clearAll();
      l.contactPage.clearAll();
      l.contactTicketPage.clearAll();
    },
    user(id: string) {
      l.user.clear(id);
      l.userByEmail.clearAll();
      l.userDirectory.reset();
      l.userTeamIds.clear(id);
      l.userPage.clearAll();
    },
    teams() {
      l.teams.reset();
      l.team.clearAll();
      l.teamMemberIds.clearAll();
      l.userTeamIds.clearAll();
    },
    tags() {
      l.tags.reset();
      l.tag.clearAll();
    },
  };
}

type BaseLoaders = ReturnType<typeof catalogLoaders> &
  ReturnType<typeof ticketLoaders> &
  ReturnType<typeof contactLoaders> &
  ReturnType<typeof userLoaders> &
  ReturnType<typeof teamLoaders>;
export type Loaders = BaseLoaders & { invalidate: ReturnType<typeof invalidation> };
