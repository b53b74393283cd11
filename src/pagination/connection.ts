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

function build<T>(
  scope: string,
  items: Array<{ node: T; position: CursorPosition }>,
  hasNextPage: boolean,
  after: unknown,
  scannedTo?: CursorPosition | null,
): Connection<T> {
  const edges = items.map(({ node, position }) => ({ cursor: encodeCursor(scope, position), node }));
  const last = items.at(-1)?.position;
  // With an exact filter, items after the last edge may have been scanned and rejected: the end
  // cursor points past them so the next page does not scan them again.
  const end = scannedTo && (!last || last.pageKey !== scannedTo.pageKey || last.offset !== scannedTo.offset) ? scannedTo : last;
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: end ? encodeCursor(scope, end) : null,
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

/** A condition Dixa cannot apply itself: checked on each loaded node, scanning at most `maxScan` items per call. */
export interface ExactFilter<N> {
  accept(node: N): boolean | Promise<boolean>;
  maxScan: number;
}

/**
 * A connection over a Dixa paginated endpoint. Unfiltered, it asks Dixa for exactly as many items
 * as the caller wants (bounded by the endpoint's maximum page size), so `first: 50` on search is
 * one call, and loads each page's nodes as soon as it is listed. Each edge's cursor is "page key
 * + offset"; the last item of a Dixa page gets the next page's key, so continuing costs no extra
 * call, and `hasNextPage` never costs a call. With an exact filter it reads whole pages, loading and
 * testing each page's nodes, until `first` match or `maxScan` items were read.
 */
export async function pagedConnection<T, N>(
  scope: string,
  args: ConnectionArgs,
  maxPageLimit: number,
  fetchPage: PageFetcher<T>,
  toNodes: (items: T[]) => Promise<Array<N | null>>,
  filter?: ExactFilter<N>,
): Promise<Connection<N>> {
  const first = validateFirst(args.first);
  let { pageKey, offset } = args.after == null ? { pageKey: null, offset: 0 } : decodeCursor(scope, args.after);
  const listed: Array<{ item: T; position: CursorPosition }> = [];
  const accepted: Array<{ node: N; position: CursorPosition }> = [];
  const count = () => (filter ? accepted.length : listed.length);
  let hasNextPage = false;
  let scanned = 0;
  let scannedTo: CursorPosition | null = null;
  // Unfiltered, each page's nodes start loading as soon as the page is listed, while the next page is fetched.
  const loading: Array<Promise<Array<N | null>>> = [];

  while (count() < first) {
    const need = first - count();
    const page = await fetchPage(pageKey, filter ? maxPageLimit : Math.min(maxPageLimit, offset + need));
    if (offset >= page.items.length) {
      hasNextPage = false;
      if (page.nextPageKey == null || page.items.length === 0) break;
      offset -= page.items.length;
      pageKey = page.nextPageKey;
      continue;
    }
    const slice = page.items.slice(offset, filter ? undefined : offset + need);
    const positionAfter = (i: number): CursorPosition => {
      const end = offset + i + 1;
      return end === page.items.length && page.nextPageKey != null ? { pageKey: page.nextPageKey, offset: 0 } : { pageKey, offset: end };
    };
    let used = slice.length;
    if (!filter) {
      slice.forEach((item, i) => listed.push({ item, position: positionAfter(i) }));
      const nodes = toNodes(slice);
      nodes.catch(() => {}); // awaited below, after the last page; a failure surfaces there
      loading.push(nodes);
    } else {
      const nodes = await toNodes(slice);
      const verdicts = await Promise.all(nodes.map((node) => node != null && filter.accept(node)));
      for (let i = 0; i < slice.length; i++) {
        scanned++;
        scannedTo = positionAfter(i);
        const node = nodes[i];
        if (node != null && verdicts[i]) accepted.push({ node, position: scannedTo });
        if (accepted.length === first) {
          used = i + 1;
          break;
        }
      }
    }
    const restInPage = offset + used < page.items.length;
    hasNextPage = restInPage || page.nextPageKey != null;
    if (restInPage || page.nextPageKey == null || (filter && scanned >= filter.maxScan)) break;
    pageKey = page.nextPageKey;
    offset = 0;
  }

  if (filter) return build(scope, accepted, hasNextPage, args.after, scannedTo);
  const nodes = (await Promise.all(loading)).flat();
  // Items that vanished between listing and loading (deleted in Dixa) are left out.
  const present = listed.flatMap((t, i) => (nodes[i] == null ? [] : [{ node: nodes[i] as N, position: t.position }]));
  return build(scope, present, hasNextPage, args.after);
}
