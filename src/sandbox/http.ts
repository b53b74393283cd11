/** Request/response plumbing of the sandbox: routing, JSON bodies, Dixa-style errors and paging. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_PAGE_LIMIT, LAST_PAGE_META } from '../dixa/assumptions.ts';
import type { OrgState } from './seed.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = () => new HttpError(404, 'An entity in this request could not be found');
export const badRequest = (message: string) => new HttpError(400, message);

export interface RouteContext {
  org: OrgState;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  path: string;
  now: () => number;
  /** Announces a change to the organisation's webhook subscribers (after the response). */
  emit(event: string, conversation: import('../dixa/wire.ts').DixaConversation): void;
}

/** What a handler returns: a JSON body (status 200 unless given), or 204 for `undefined`. */
export type HandlerResult = { status?: number; body: unknown } | undefined;
export type Handler = (ctx: RouteContext) => HandlerResult;

export interface Route {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

/** `route('GET', '/v1/conversations/{id}/tags', h)`: the template is also what the call log shows. */
export function route(method: string, template: string, handler: Handler): Route {
  const names: string[] = [];
  const regex = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}/?$`);
  return { method, template, regex, names, handler };
}

export function match(routes: Route[], method: string, path: string): { route: Route; params: Record<string, string> } | null {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.regex.exec(path);
    if (!m) continue;
    const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    return { route: r, params };
  }
  return null;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

/** Conversation ids are int64 in Dixa's path parameters. */
export function conversationIdParam(ctx: RouteContext): number {
  const raw = ctx.params.id ?? '';
  if (!/^\d{1,18}$/.test(raw)) throw badRequest('Invalid value for: path parameter conversationId');
  return Number(raw);
}

export function objectBody(ctx: RouteContext): Record<string, unknown> {
  if (ctx.body === null || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) throw badRequest('Invalid value for: body');
  return ctx.body as Record<string, unknown>;
}

/**
 * Dixa-style pagination of an in-memory list: opaque base64 page keys bound to the path and
 * filter they were issued for; `meta.next` is a relative link carrying the next key.
 */
export function paged<T>(ctx: RouteContext, items: readonly T[], maxLimit: number, context = ''): { status?: number; body: unknown } {
  const limitRaw = ctx.query.get('pageLimit');
  const limit = limitRaw == null ? DEFAULT_PAGE_LIMIT : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw badRequest('Invalid value for: query parameter pageLimit');
  const scope = `${ctx.path}|${context}`;
  let offset = 0;
  const key = ctx.query.get('pageKey');
  if (key) {
    try {
      const decoded = JSON.parse(Buffer.from(key, 'base64').toString('utf8')) as { o?: unknown; s?: unknown };
      if (decoded.s !== scope || typeof decoded.o !== 'number' || !Number.isInteger(decoded.o) || decoded.o < 0) throw new Error();
      offset = decoded.o;
    } catch {
      throw badRequest('Invalid value for: query parameter pageKey');
    }
  }
  const data = items.slice(offset, offset + limit);
  const nextOffset = offset + data.length;
  if (nextOffset >= items.length || data.length === 0) return { body: { data, meta: LAST_PAGE_META } };
  const nextKey = Buffer.from(JSON.stringify({ o: nextOffset, s: scope })).toString('base64');
  return { body: { data, meta: { next: `${ctx.path}?pageKey=${encodeURIComponent(nextKey)}` } } };
}
