/** Connection builders shared by root fields and nested fields. */
import { createHash } from 'node:crypto';
import { PAGE_LIMIT, SEARCH_ALL_BODY, SEARCH_FILTER_FIELD } from '../dixa/assumptions.ts';
import type { DixaSearchBody } from '../dixa/wire.ts';
import type { Context } from '../context.ts';
import type { TicketModel } from '../mapping/models.ts';
import { statesOf } from '../mapping/tickets.ts';
import type { TicketFilter } from '../generated/graphql.ts';
import { listConnection, pagedConnection, type Connection, type ConnectionArgs, type ExactFilter } from '../pagination/connection.ts';
import { notNull } from './ids.ts';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);

/** Tickets scanned at most per request while applying a filter Dixa cannot apply itself. */
export const MAX_EXACT_SCAN = 500;

/** Loads started for each listed ticket before its fields ask for them (./prefetch.ts). */
export type TicketPrefetch = (ids: string[]) => void;

/** What a ticket list may select and still be answered from search hits alone. */
const ID_ONLY = new Set(['id', '__typename']);

/**
 * A ticket that is only its id: a search hit holds nothing more, and a selection of `id` alone
 * (an id sync) needs nothing more — no conversation call per hit. Only ever built when the
 * lookahead saw no other field (`idsOnly`), so no resolver reads the fields it lacks.
 */
const idOnlyTicket = (id: string) => ({ id }) as TicketModel;

export function ticketSearchConnection(
  ctx: Context,
  args: ConnectionArgs,
  body: DixaSearchBody = SEARCH_ALL_BODY,
  exact?: ExactFilter<TicketModel>,
  prefetchParts?: TicketPrefetch,
  nodeFields?: Set<string>,
) {
  const idsOnly = !exact && nodeFields !== undefined && [...nodeFields].every((name) => ID_ONLY.has(name));
  return pagedConnection(
    `tickets:search:${digest([body, exact ? 'exact' : null])}`,
    args,
    PAGE_LIMIT.search,
    (pageKey, pageLimit) => ctx.loaders.searchPage(body, pageKey, pageLimit),
    async (hits) => {
      const ids = hits.map((hit) => String(hit.id));
      if (idsOnly) return ids.map(idOnlyTicket);
      const tickets = Promise.all(ids.map((id) => ctx.loaders.ticket.load(id)));
      // Not with an exact filter: tickets it rejects would have been fetched for nothing.
      if (!exact) prefetchParts?.(ids);
      return tickets;
    },
    exact,
  );
}

export function contactTicketsConnection(
  ctx: Context,
  contactId: string,
  args: ConnectionArgs,
  exact?: ExactFilter<TicketModel>,
  scope = `contact:${contactId}:tickets`,
  prefetchParts?: TicketPrefetch,
) {
  return pagedConnection(
    scope,
    args,
    PAGE_LIMIT.endUserConversations,
    (pageKey, pageLimit) => ctx.loaders.contactTicketPage(contactId, pageKey, pageLimit),
    (conversations) => {
      const ids = conversations.map((c) => String(c.id));
      const tickets = ctx.loaders.ticket.loadMany(ids).then(throwErrors);
      if (!exact) prefetchParts?.(ids);
      return tickets;
    },
    exact,
  );
}

type Check = (ticket: TicketModel) => boolean | Promise<boolean>;

/** The time-range conditions, which Dixa's search cannot express: checked on each ticket. */
function timeChecks(filter: TicketFilter): Check[] {
  const checks: Check[] = [];
  if (filter.createdAfter) checks.push((t) => t.createdAt > filter.createdAfter!.toISOString());
  if (filter.createdBefore) checks.push((t) => t.createdAt < filter.createdBefore!.toISOString());
  if (filter.updatedAfter) checks.push((t) => (t.updatedAt ?? t.createdAt) > filter.updatedAfter!.toISOString());
  return checks;
}

function exactFilter(checks: Check[]): ExactFilter<TicketModel> | undefined {
  if (!checks.length) return undefined;
  return { maxScan: MAX_EXACT_SCAN, accept: async (t) => (await Promise.all(checks.map((check) => check(t)))).every(Boolean) };
}

/**
 * `tickets(filter)`: with only a contact (and no text), that contact's conversation list, every
 * other condition checked exactly; otherwise Dixa's search with every condition it can express
 * (README "Filters").
 */
export function filteredTicketsConnection(ctx: Context, args: ConnectionArgs, filter: TicketFilter, prefetchParts?: TicketPrefetch, nodeFields?: Set<string>) {
  const query = filter.query?.trim();
  if (filter.contactId && !query) {
    const checks = timeChecks(filter);
    if (filter.status?.length) checks.push((t) => filter.status!.includes(t.status.category));
    if (filter.assigneeId) checks.push((t) => t.assigneeId === filter.assigneeId);
    if (filter.collectionId) checks.push((t) => t.queueId === filter.collectionId);
    if (filter.tagIds?.length) {
      const wanted = filter.tagIds;
      checks.push(async (t) => {
        const tags = new Set((await ctx.loaders.ticketTags.load(t.id)).map((tag) => tag.id));
        return wanted.every((id) => tags.has(id));
      });
    }
    return contactTicketsConnection(ctx, filter.contactId, args, exactFilter(checks), scopeOf('tickets:contact', filter), prefetchParts);
  }
  const F = SEARCH_FILTER_FIELD;
  const condition = (field: string, operator: 'IncludesOne' | 'IncludesAll', values: string[]) => ({ field: { _type: field, operator: { _type: operator, values } } });
  const conditions = [
    ...(filter.status?.length ? [condition(F.status, 'IncludesOne', filter.status.flatMap(statesOf))] : []),
    ...(filter.assigneeId ? [condition(F.assignee, 'IncludesOne', [filter.assigneeId])] : []),
    ...(filter.collectionId ? [condition(F.queue, 'IncludesOne', [filter.collectionId])] : []),
    ...(filter.tagIds?.length ? [condition(F.tag, 'IncludesAll', filter.tagIds)] : []),
    ...(filter.contactId ? [condition(F.requester, 'IncludesOne', [filter.contactId])] : []),
  ];
  const body: DixaSearchBody = {
    ...(query ? { query: { value: query, exactMatch: false } } : {}),
    ...(conditions.length ? { filters: { strategy: 'All', conditions } } : {}),
  };
  return ticketSearchConnection(ctx, args, body, exactFilter(timeChecks(filter)), prefetchParts, nodeFields);
}

/** A connection over ids Dixa returns whole; only the edges' entities are loaded. */
export async function idListConnection<T>(
  scope: string,
  ids: readonly string[],
  args: ConnectionArgs,
  load: (ids: string[]) => Promise<Array<T | null | Error>>,
): Promise<Connection<T>> {
  const page = listConnection(scope, ids, args);
  const nodes = throwErrors(await load(page.nodes));
  const edges = page.edges.flatMap((edge, i) => (nodes[i] == null ? [] : [{ cursor: edge.cursor, node: nodes[i] as T }]));
  return { edges, nodes: edges.map((e) => e.node), pageInfo: page.pageInfo };
}

export function scopeOf(name: string, filter: unknown): string {
  return filter == null ? name : `${name}:${digest(filter)}`;
}

export function throwErrors<T>(values: Array<T | Error>): T[] {
  for (const value of values) if (value instanceof Error) throw value;
  return values as T[];
}

export const presentTickets = (tickets: Array<TicketModel | null>) => tickets.filter(notNull);
