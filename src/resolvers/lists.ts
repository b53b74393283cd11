/** Connection builders shared by root fields and nested fields. */
import { createHash } from 'node:crypto';
import { PAGE_LIMIT, SEARCH_ALL_BODY } from '../dixa/assumptions.ts';
import type { DixaSearchBody } from '../dixa/wire.ts';
import type { Context } from '../context.ts';
import type { TicketModel } from '../mapping/models.ts';
import { listConnection, pagedConnection, type Connection, type ConnectionArgs } from '../pagination/connection.ts';
import { notNull } from './ids.ts';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);

export function ticketSearchConnection(ctx: Context, args: ConnectionArgs, body: DixaSearchBody = SEARCH_ALL_BODY) {
  return pagedConnection(
    `tickets:search:${digest(body)}`,
    args,
    PAGE_LIMIT.search,
    (pageKey, pageLimit) => ctx.loaders.searchPage(body, pageKey, pageLimit),
    (hits) => Promise.all(hits.map((hit) => ctx.loaders.ticket.load(String(hit.id)))),
  );
}

export function contactTicketsConnection(ctx: Context, contactId: string, args: ConnectionArgs) {
  return pagedConnection(
    `contact:${contactId}:tickets`,
    args,
    PAGE_LIMIT.endUserConversations,
    (pageKey, pageLimit) => ctx.loaders.contactTicketPage(contactId, pageKey, pageLimit),
    (conversations) => ctx.loaders.ticket.loadMany(conversations.map((c) => String(c.id))).then(throwErrors),
  );
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
