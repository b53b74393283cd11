/** Relay connections over Dixa's paginated endpoints and over lists Dixa returns whole. */
import type { Page } from '../dixa/api.ts';
import { badUserInput } from '../errors.ts';
import { decodeCursor, encodeCursor, type CursorPosition } from './cursor.ts';

export const DEFAULT_FIRST = 25;
export const MAX_FIRST = 100;

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export function validateFirst(first: number | null | undefined): number {
  if (first == null) return DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST)
    throw badUserInput(`\`first\` must be between 0 and ${MAX_FIRST} (got ${first})`, { argumentName: 'first', max: MAX_FIRST });
  return first;
}

function build<T>(scope: string, items: Array<{ node: T; position: CursorPosition }>, hasNextPage: boolean, after: unknown): Connection<T> {
  const edges = items.map(({ node, position }) => ({ cursor: encodeCursor(scope, position), node }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A connection over a list Dixa returns whole (no Dixa pagination): cursors hold an index. */
export function listConnection<T>(scope: string, all: readonly T[], args: ConnectionArgs): Connection<T> {
  const first = validateFirst(args.first);
  const start = args.after == null ? 0 : decodeCursor(scope, args.after).offset;
  const slice = all.slice(start, start + first);
  return build(
    scope,
    slice.map((node, i) => ({ node, position: { pageKey: null, offset: start + i + 1 } })),
    start + slice.length < all.length,
    args.after,
  );
}

export type PageFetcher<T> = (pageKey: string | null, pageLimit: number) => Promise<Page<T>>;

/**
 * A connection over a Dixa paginated endpoint. It asks Dixa for exactly as many items as the
 * caller wants (bounded by the endpoint's maximum page size), so `first: 50` on search is one
 * call. Each edge's cursor is "page key + offset"; the last item of a Dixa page gets the next
 * page's key, so continuing from the end costs no extra call. `hasNextPage` never costs a call.
 */
export async function pagedConnection<T, N>(
  scope: string,
  args: ConnectionArgs,
  maxPageLimit: number,
  fetchPage: PageFetcher<T>,
  toNodes: (items: T[]) => Promise<Array<N | null>>,
): Promise<Connection<N>> {
  const first = validateFirst(args.first);
  let { pageKey, offset } = args.after == null ? { pageKey: null, offset: 0 } : decodeCursor(scope, args.after);
  const taken: Array<{ item: T; position: CursorPosition }> = [];
  let hasNextPage = false;

  while (taken.length < first) {
    const need = first - taken.length;
    const page = await fetchPage(pageKey, Math.min(maxPageLimit, offset + need));
    if (offset >= page.items.length) {
      hasNextPage = false;
      if (page.nextPageKey == null || page.items.length === 0) break;
      offset -= page.items.length;
      pageKey = page.nextPageKey;
      continue;
    }
    const slice = page.items.slice(offset, offset + need);
    slice.forEach((item, i) => {
      const end = offset + i + 1;
      const position =
        end === page.items.length && page.nextPageKey != null
          ? { pageKey: page.nextPageKey, offset: 0 }
          : { pageKey, offset: end };
      taken.push({ item, position });
    });
    hasNextPage = offset + slice.length < page.items.length || page.nextPageKey != null;
    if (offset + slice.length < page.items.length || page.nextPageKey == null) break;
    pageKey = page.nextPageKey;
    offset = 0;
  }

  const nodes = await toNodes(taken.map((t) => t.item));
  // Items that vanished between listing and loading (deleted in Dixa) are left out.
  const present = taken.flatMap((t, i) => (nodes[i] == null ? [] : [{ node: nodes[i] as N, position: t.position }]));
  return build(scope, present, hasNextPage, args.after);
}
