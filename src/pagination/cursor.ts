/**
 * Opaque Relay cursors. A cursor wraps a position in Dixa's pagination: the Dixa page key a page
 * started at (null = the first page) and how many items of that page come before the next edge.
 * The scope names the connection (and its parent and filter), so a cursor given to another
 * connection is refused instead of silently paging something else.
 */
import { badUserInput } from '../errors.ts';

export interface CursorPosition {
  pageKey: string | null;
  offset: number;
}

const VERSION = 1;

export function encodeCursor(scope: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([VERSION, scope, position.pageKey, position.offset])).toString('base64url');
}

export function decodeCursor(scope: string, cursor: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid();
  const [version, cursorScope, pageKey, offset] = parsed as unknown[];
  if (version !== VERSION || cursorScope !== scope) throw invalid();
  if (!(pageKey === null || (typeof pageKey === 'string' && pageKey.length > 0 && pageKey.length < 4096))) throw invalid();
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0 || offset > 100_000) throw invalid();
  return { pageKey, offset };
}

function invalid() {
  return badUserInput('The `after` cursor is not valid for this connection (forged, stale or from another list)', {
    argumentName: 'after',
  });
}
