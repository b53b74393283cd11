/** The cursor + page-key walk of pagedConnection, against an in-memory paginated list. */
import { describe, expect, it } from 'vitest';
import type { Page } from '../src/dixa/api.ts';
import { listConnection, pagedConnection } from '../src/pagination/connection.ts';

const ITEMS = Array.from({ length: 23 }, (_, i) => i + 1);

/** Page keys are positions, like Dixa's: a page starts there and holds `pageLimit` items. */
function source() {
  const calls: Array<{ pageKey: string | null; pageLimit: number }> = [];
  const fetchPage = async (pageKey: string | null, pageLimit: number): Promise<Page<number>> => {
    calls.push({ pageKey, pageLimit });
    const start = pageKey ? Number(pageKey.slice(2)) : 0;
    const items = ITEMS.slice(start, start + pageLimit);
    return { items, nextPageKey: start + pageLimit < ITEMS.length ? `p-${start + pageLimit}` : null };
  };
  return { calls, fetchPage };
}

const identity = async (items: number[]) => items;

describe('pagedConnection', () => {
  it('visits every item exactly once for any page size, one Dixa call per connection page', async () => {
    for (const first of [1, 4, 5, 7, 23, 50]) {
      const { calls, fetchPage } = source();
      const seen: number[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const conn: Awaited<ReturnType<typeof pagedConnection<number, number>>> = await pagedConnection('s', { first, after }, 5, fetchPage, identity);
        seen.push(...conn.nodes);
        after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
        pages++;
      } while (after);
      expect(seen).toEqual(ITEMS);
      expect(pages).toBe(Math.ceil(ITEMS.length / first));
      // never more Dixa pages than needed to cover the items (page limit 5), plus at most one per connection page
      expect(calls.length).toBeLessThanOrEqual(Math.ceil(ITEMS.length / 5) + pages);
    }
  });

  it('resumes from a cursor in the middle of a Dixa page', async () => {
    const { fetchPage } = source();
    const first = await pagedConnection('s', { first: 3 }, 5, fetchPage, identity);
    const second = await pagedConnection('s', { first: 3, after: first.edges[1]!.cursor }, 5, fetchPage, identity);
    expect(second.nodes).toEqual([3, 4, 5]);
    expect(second.pageInfo.hasPreviousPage).toBe(true);
  });

  it('refuses a cursor minted for another connection, and a forged one', async () => {
    const { fetchPage } = source();
    const conn = await pagedConnection('a', { first: 2 }, 5, fetchPage, identity);
    await expect(pagedConnection('b', { first: 2, after: conn.pageInfo.endCursor }, 5, fetchPage, identity)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(pagedConnection('a', { first: 2, after: 'bm9wZQ' }, 5, fetchPage, identity)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('drops items that vanished between listing and loading', async () => {
    const { fetchPage } = source();
    const conn = await pagedConnection('s', { first: 4 }, 5, fetchPage, async (items) => items.map((i) => (i % 2 ? i : null)));
    expect(conn.nodes).toEqual([1, 3]);
  });
});

describe('listConnection', () => {
  it('pages a whole list with default and explicit sizes and rejects first over 100', () => {
    const all = Array.from({ length: 30 }, (_, i) => i);
    const firstPage = listConnection('l', all, {});
    expect(firstPage.nodes).toHaveLength(25);
    expect(firstPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = listConnection('l', all, { first: 10, after: firstPage.pageInfo.endCursor });
    expect(rest.nodes).toEqual([25, 26, 27, 28, 29]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(() => listConnection('l', all, { first: 101 })).toThrow(/first/);
    expect(() => listConnection('l', all, { first: -1 })).toThrow(/first/);
  });
});
