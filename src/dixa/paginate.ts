/** Following Dixa's `meta.next` page keys. */
import type { Page, PageRequest } from './api.ts';
import { DixaDecodeError } from './errors.ts';

/** The `pageKey` of a `meta.next` link (relative, like "/v1/agents?pageKey=…", or absolute). */
export function pageKeyOf(next: string | null | undefined): string | null {
  if (!next) return null;
  try {
    return new URL(next, 'http://relative.invalid').searchParams.get('pageKey') || null;
  } catch {
    return null;
  }
}

/** Pages of a paginated endpoint until the last; stops with an error if Dixa repeats a page key. */
export async function* paginate<T>(
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
  options: { pageLimit?: number; startKey?: string | null } = {},
): AsyncGenerator<Page<T>> {
  const seen = new Set<string>();
  let pageKey = options.startKey ?? null;
  for (;;) {
    const page = await fetchPage({ pageKey, pageLimit: options.pageLimit });
    yield page;
    if (page.nextPageKey == null) return;
    if (seen.has(page.nextPageKey)) throw new DixaDecodeError('pagination', 'Dixa returned the same page key twice');
    seen.add(page.nextPageKey);
    pageKey = page.nextPageKey;
  }
}
