/**
 * The Dixa v1 REST client: one typed method per endpoint over a shared keep-alive undici pool.
 * Responses are validated with the zod shapes of ./wire.ts; failures are the typed errors of
 * ./errors.ts. The token goes into the Authorization header and nowhere else.
 */
import { Pool, type Dispatcher } from 'undici';
import { z } from 'zod';
import type { AttributeValues, BulkOutcome, DixaApi, HttpMethod, Page, PageRequest, RawRequest, RawResponse } from './api.ts';
import { authorizationHeader, FOLLOW_UP_BODY } from './assumptions.ts';
import {
  DixaDecodeError,
  DixaError,
  DixaHttpError,
  DixaNetworkError,
  DixaOutcomeUnknownError,
  DixaTimeoutError,
  DixaRateLimitedError,
  DixaCircuitOpenError,
  type DixaErrorKind,
} from './errors.ts';
import { pageKeyOf } from './paginate.ts';
import { RateLimitedError, type Limiter } from './rate-limit.ts';
import { CircuitOpenError, type CircuitBreaker } from './breaker.ts';
import { decideRetry, DEFAULT_RETRY, wasNotSent, type RetryOptions } from './retry.ts';
import {
  AgentSchema,
  AgentTeamSchema,
  ConversationSchema,
  CustomAttributeDefinitionSchema,
  CustomAttributeValueSchema,
  EndUserSchema,
  ErrorBodySchema,
  MessageSchema,
  MetaSchema,
  NoteSchema,
  QueueMemberSchema,
  QueueSchema,
  SearchHitSchema,
  TagSchema,
  TeamMemberSchema,
  TeamSchema,
  type DixaSearchBody,
} from './wire.ts';

export interface UpstreamCallEvent {
  method: HttpMethod;
  /** Path template, e.g. `GET /v1/conversations/{id}`: no ids, no query values, no token. */
  template: string;
  status?: number;
  durationMs: number;
  attempt: number;
  error?: DixaErrorKind;
}

export interface DixaClientOptions {
  /** Rate limiter of this token (see RateLimiterRegistry); none: unlimited (tests, benchmarks). */
  limiter?: Limiter;
  /** Circuit breaker of this origin, shared by every client of it. */
  breaker?: CircuitBreaker;
  /** The operation's deadline, as a `performance.now()` time; set by `forRequest`. */
  deadlineAt?: number;
  /** Origin of the API; the client calls `${baseUrl}/v1/...`. */
  baseUrl: string;
  token: string;
  /** Shared keep-alive pool for the origin (see createDixaPool); one is made when absent. */
  pool?: Dispatcher;
  /** Timeout of one HTTP attempt, ms. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  onCall?: (event: UpstreamCallEvent) => void;
}

/** One keep-alive connection pool per Dixa origin, shared by every account's client. */
export function createDixaPool(origin: string, options: { connections?: number } = {}): Pool {
  return new Pool(new URL(origin).origin, {
    connections: options.connections ?? 32,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
  });
}

interface Call {
  method: HttpMethod;
  /** Template for logs and errors: `/v1/conversations/{id}`. */
  template: string;
  path: string;
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  /** Safe to send again: reads, PUT/PATCH/DELETE, and the read-only search POST. */
  idempotent: boolean;
}

const seg = encodeURIComponent;
/** One array schema per item schema: building a zod schema (and its compiled parser) per call is costly. */
const arrays = new WeakMap<z.ZodType, z.ZodArray>();
const ListOf = <T extends z.ZodType>(schema: T): z.ZodArray<T> => {
  let array = arrays.get(schema);
  if (!array) arrays.set(schema, (array = z.array(schema)));
  return array as z.ZodArray<T>;
};
const MessageCreatedSchema = z.looseObject({
  messageId: z.string(),
  authorId: z.string().nullish(),
  direction: z.string().nullish(),
  content: z.looseObject({ _type: z.string(), value: z.string() }).nullish(),
  createdAt: z.string(),
});
const BulkItemSchema = z.looseObject({
  _type: z.string(),
  data: z.unknown().optional(),
  error: z.looseObject({ id: z.string().nullish(), message: z.string().nullish() }).nullish(),
});
const CreatedIdSchema = z.looseObject({ id: z.number().int() });

export class DixaClient implements DixaApi {
  readonly #options: DixaClientOptions;
  readonly #origin: string;
  readonly #token: string;
  readonly #pool: Dispatcher;
  readonly #timeoutMs: number;
  readonly #retry: RetryOptions;
  readonly #onCall: ((event: UpstreamCallEvent) => void) | undefined;

  constructor(options: DixaClientOptions) {
    this.#origin = new URL(options.baseUrl).origin;
    this.#token = options.token;
    this.#pool = options.pool ?? createDixaPool(this.#origin);
    this.#options = { ...options, pool: this.#pool };
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#onCall = options.onCall;
  }

  /** The same client (pool, limiter, breaker) bound to one GraphQL operation's time budget. */
  forRequest(budgetMs: number): DixaClient {
    return new DixaClient({ ...this.#options, deadlineAt: performance.now() + budgetMs });
  }

  // ── conversations ────────────────────────────────────────────────────────────
  searchConversations(body: DixaSearchBody, page: PageRequest = {}) {
    return this.#page(
      { method: 'POST', template: '/v1/search/conversations', path: '/v1/search/conversations', query: pageQuery(page), body, idempotent: true },
      SearchHitSchema,
    );
  }
  getConversation(id: number) {
    return this.#data({ method: 'GET', template: '/v1/conversations/{id}', path: `/v1/conversations/${id}`, idempotent: true }, ConversationSchema);
  }
  listConversationMessages(id: number) {
    return this.#data({ method: 'GET', template: '/v1/conversations/{id}/messages', path: `/v1/conversations/${id}/messages`, idempotent: true }, ListOf(MessageSchema));
  }
  listConversationNotes(id: number) {
    return this.#data({ method: 'GET', template: '/v1/conversations/{id}/notes', path: `/v1/conversations/${id}/notes`, idempotent: true }, ListOf(NoteSchema));
  }
  listConversationTags(id: number) {
    return this.#data({ method: 'GET', template: '/v1/conversations/{id}/tags', path: `/v1/conversations/${id}/tags`, idempotent: true }, ListOf(TagSchema));
  }

  // ── end users ────────────────────────────────────────────────────────────────
  listEndUsers(filter: { email?: string; phone?: string; externalId?: string }, page: PageRequest = {}) {
    return this.#page({ method: 'GET', template: '/v1/endusers', path: '/v1/endusers', query: { ...filter, ...pageQuery(page) }, idempotent: true }, EndUserSchema);
  }
  getEndUser(id: string) {
    return this.#data({ method: 'GET', template: '/v1/endusers/{id}', path: `/v1/endusers/${seg(id)}`, idempotent: true }, EndUserSchema);
  }
  listEndUserConversations(id: string, page: PageRequest = {}) {
    return this.#page(
      { method: 'GET', template: '/v1/endusers/{id}/conversations', path: `/v1/endusers/${seg(id)}/conversations`, query: pageQuery(page), idempotent: true },
      ConversationSchema,
    );
  }

  // ── agents ───────────────────────────────────────────────────────────────────
  listAgents(filter: { email?: string; phone?: string }, page: PageRequest = {}) {
    return this.#page({ method: 'GET', template: '/v1/agents', path: '/v1/agents', query: { ...filter, ...pageQuery(page) }, idempotent: true }, AgentSchema);
  }
  getAgent(id: string) {
    return this.#data({ method: 'GET', template: '/v1/agents/{id}', path: `/v1/agents/${seg(id)}`, idempotent: true }, AgentSchema);
  }
  listAgentTeams(id: string) {
    return this.#data({ method: 'GET', template: '/v1/agents/{id}/teams', path: `/v1/agents/${seg(id)}/teams`, idempotent: true }, ListOf(AgentTeamSchema));
  }

  // ── teams, queues, tags, custom attributes ──────────────────────────────────
  listTeams() {
    return this.#data({ method: 'GET', template: '/v1/teams', path: '/v1/teams', idempotent: true }, ListOf(TeamSchema));
  }
  getTeam(id: string) {
    return this.#data({ method: 'GET', template: '/v1/teams/{id}', path: `/v1/teams/${seg(id)}`, idempotent: true }, TeamSchema);
  }
  listTeamMembers(teamId: string) {
    return this.#data({ method: 'GET', template: '/v1/teams/{id}/agents', path: `/v1/teams/${seg(teamId)}/agents`, idempotent: true }, ListOf(TeamMemberSchema));
  }
  listQueues() {
    return this.#data({ method: 'GET', template: '/v1/queues', path: '/v1/queues', idempotent: true }, ListOf(QueueSchema));
  }
  getQueue(id: string) {
    return this.#data({ method: 'GET', template: '/v1/queues/{id}', path: `/v1/queues/${seg(id)}`, idempotent: true }, QueueSchema);
  }
  listQueueMembers(queueId: string) {
    return this.#data({ method: 'GET', template: '/v1/queues/{id}/members', path: `/v1/queues/${seg(queueId)}/members`, idempotent: true }, ListOf(QueueMemberSchema));
  }
  listTags(options: { includeDeactivated?: boolean } = {}) {
    return this.#data(
      { method: 'GET', template: '/v1/tags', path: '/v1/tags', query: { includeDeactivated: options.includeDeactivated }, idempotent: true },
      ListOf(TagSchema),
    );
  }
  getTag(id: string) {
    return this.#data({ method: 'GET', template: '/v1/tags/{id}', path: `/v1/tags/${seg(id)}`, idempotent: true }, TagSchema);
  }
  listCustomAttributes() {
    return this.#data({ method: 'GET', template: '/v1/custom-attributes', path: '/v1/custom-attributes', idempotent: true }, ListOf(CustomAttributeDefinitionSchema));
  }

  // ── writes (POST creates are never re-sent once they may have reached Dixa) ─
  createConversation(body: Record<string, unknown>) {
    return this.#data({ method: 'POST', template: '/v1/conversations', path: '/v1/conversations', body, idempotent: false }, CreatedIdSchema);
  }
  closeConversation(id: number, body: { userId?: string } = {}) {
    return this.#none({ method: 'PUT', template: '/v1/conversations/{id}/close', path: `/v1/conversations/${id}/close`, body, idempotent: true });
  }
  reopenConversation(id: number, body: { userId?: string } = {}) {
    return this.#none({ method: 'PUT', template: '/v1/conversations/{id}/reopen', path: `/v1/conversations/${id}/reopen`, body, idempotent: true });
  }
  claimConversation(id: number, body: { agentId: string; force?: boolean }) {
    return this.#none({ method: 'PUT', template: '/v1/conversations/{id}/claim', path: `/v1/conversations/${id}/claim`, body, idempotent: true });
  }
  followUpConversation(id: number, body: { timestamp: string; userId?: string }) {
    return this.#none({ method: 'PUT', template: '/v1/conversations/{id}/followup', path: `/v1/conversations/${id}/followup`, body: FOLLOW_UP_BODY(body.timestamp, body.userId), idempotent: true });
  }
  transferConversationToQueue(id: number, body: { queueId: string; userId?: string }) {
    return this.#none({ method: 'PUT', template: '/v1/conversations/{id}/transfer/queue', path: `/v1/conversations/${id}/transfer/queue`, body, idempotent: true });
  }
  tagConversation(id: number, tagId: string) {
    return this.#none({ method: 'PUT', template: '/v1/conversations/{id}/tags/{tagId}', path: `/v1/conversations/${id}/tags/${seg(tagId)}`, idempotent: true });
  }
  untagConversation(id: number, tagId: string) {
    return this.#none({ method: 'DELETE', template: '/v1/conversations/{id}/tags/{tagId}', path: `/v1/conversations/${id}/tags/${seg(tagId)}`, idempotent: true });
  }
  patchConversationCustomAttributes(id: number, values: AttributeValues) {
    return this.#data(
      { method: 'PATCH', template: '/v1/conversations/{id}/custom-attributes', path: `/v1/conversations/${id}/custom-attributes`, body: values, idempotent: true },
      ListOf(CustomAttributeValueSchema),
    );
  }
  createMessage(id: number, body: Record<string, unknown>) {
    return this.#data({ method: 'POST', template: '/v1/conversations/{id}/messages', path: `/v1/conversations/${id}/messages`, body, idempotent: false }, MessageCreatedSchema);
  }
  createNote(id: number, body: { message: string; agentId?: string }) {
    return this.#data({ method: 'POST', template: '/v1/conversations/{id}/notes', path: `/v1/conversations/${id}/notes`, body, idempotent: false }, NoteSchema);
  }
  createEndUser(body: Record<string, unknown>) {
    return this.#data({ method: 'POST', template: '/v1/endusers', path: '/v1/endusers', body, idempotent: false }, EndUserSchema);
  }
  patchEndUser(id: string, body: Record<string, unknown>) {
    return this.#data({ method: 'PATCH', template: '/v1/endusers/{id}', path: `/v1/endusers/${seg(id)}`, body, idempotent: true }, EndUserSchema);
  }
  patchEndUserCustomAttributes(id: string, values: AttributeValues) {
    return this.#data(
      { method: 'PATCH', template: '/v1/endusers/{id}/custom-attributes', path: `/v1/endusers/${seg(id)}/custom-attributes`, body: values, idempotent: true },
      ListOf(CustomAttributeValueSchema),
    );
  }
  createAgent(body: Record<string, unknown>) {
    return this.#data({ method: 'POST', template: '/v1/agents', path: '/v1/agents', body, idempotent: false }, AgentSchema);
  }
  patchAgent(id: string, body: Record<string, unknown>) {
    return this.#data({ method: 'PATCH', template: '/v1/agents/{id}', path: `/v1/agents/${seg(id)}`, body, idempotent: true }, AgentSchema);
  }
  deleteAgent(id: string) {
    return this.#none({ method: 'DELETE', template: '/v1/agents/{id}', path: `/v1/agents/${seg(id)}`, idempotent: true });
  }
  createTeam(body: { name: string }) {
    return this.#data({ method: 'POST', template: '/v1/teams', path: '/v1/teams', body, idempotent: false }, TeamSchema);
  }
  deleteTeam(id: string) {
    return this.#none({ method: 'DELETE', template: '/v1/teams/{id}', path: `/v1/teams/${seg(id)}`, idempotent: true });
  }
  /** Dixa answers with per-agent outcomes (or nothing); an empty answer means all succeeded. */
  async addTeamMembers(teamId: string, agentIds: string[]): Promise<BulkOutcome[]> {
    const call: Call = { method: 'PATCH', template: '/v1/teams/{id}/agents', path: `/v1/teams/${seg(teamId)}/agents`, body: { agentIds }, idempotent: true };
    const { text } = await this.#send(call);
    if (!text.trim()) return agentIds.map((id) => ({ ok: true, id }));
    const items = validate(call, z.looseObject({ data: z.array(BulkItemSchema) }), parseJson(call, text), 'body').data;
    return items.map((item, i) =>
      item._type === 'BulkActionFailure'
        ? { ok: false, id: item.error?.id ?? agentIds[i] ?? null, message: item.error?.message ?? 'refused' }
        : { ok: true, id: typeof item.data === 'string' ? item.data : (agentIds[i] ?? '') },
    );
  }
  removeTeamMembers(teamId: string, agentIds: string[]) {
    return this.#none({ method: 'DELETE', template: '/v1/teams/{id}/agents', path: `/v1/teams/${seg(teamId)}/agents`, body: { agentIds }, idempotent: true });
  }
  createTag(body: { name: string; color?: string }) {
    return this.#data({ method: 'POST', template: '/v1/tags', path: '/v1/tags', body, idempotent: false }, TagSchema);
  }
  activateTag(id: string) {
    return this.#none({ method: 'PATCH', template: '/v1/tags/{id}/activate', path: `/v1/tags/${seg(id)}/activate`, idempotent: true });
  }
  deactivateTag(id: string) {
    return this.#none({ method: 'PATCH', template: '/v1/tags/{id}/deactivate', path: `/v1/tags/${seg(id)}/deactivate`, idempotent: true });
  }

  createWebhook(body: { name: string; url: string; events: string[]; authorization: { _type: string } }) {
    return this.#data({ method: 'POST', template: '/v1/webhooks', path: '/v1/webhooks', body, idempotent: false }, z.looseObject({ id: z.string() }));
  }
  deleteWebhook(id: string) {
    return this.#none({ method: 'DELETE', template: '/v1/webhooks/{id}', path: `/v1/webhooks/${seg(id)}`, idempotent: true });
  }

  /** Passthrough: no validation; POST is treated as non-idempotent. */
  async raw(req: RawRequest): Promise<RawResponse> {
    const call: Call = { method: req.method, template: '/v1/*', path: req.path, query: req.query, body: req.body, idempotent: req.method !== 'POST' };
    const { status, text } = await this.#send(call);
    return { status, body: text ? parseJson(call, text) : null };
  }

  // ── plumbing ─────────────────────────────────────────────────────────────────
  async #data<S extends z.ZodType>(call: Call, schema: S): Promise<z.infer<S>> {
    const envelope = await this.#envelope(call);
    return validate(call, schema, envelope.data, 'data');
  }

  async #page<S extends z.ZodType>(call: Call, item: S): Promise<Page<z.infer<S>>> {
    const envelope = await this.#envelope(call);
    const items = validate(call, ListOf(item), envelope.data, 'data');
    const meta = validate(call, MetaSchema, envelope.meta, 'meta');
    return { items, nextPageKey: pageKeyOf(meta?.next) };
  }

  async #none(call: Call): Promise<void> {
    await this.#send(call);
  }

  async #envelope(call: Call): Promise<{ data: unknown; meta?: unknown }> {
    const { text } = await this.#send(call);
    const json = parseJson(call, text);
    if (json === null || typeof json !== 'object' || !('data' in json))
      throw new DixaDecodeError(operation(call), 'the response has no `data` envelope');
    return json as { data: unknown; meta?: unknown };
  }

  /** One call with the retry policy of ./retry.ts; resolves only for 2xx. */
  async #send(call: Call): Promise<{ status: number; text: string }> {
    const path = requestPath(call, this.#origin);
    const headers: Record<string, string> = { authorization: authorizationHeader(this.#token), accept: 'application/json' };
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    if (body !== undefined) headers['content-type'] = 'application/json';

    const { limiter, breaker, deadlineAt = Number.POSITIVE_INFINITY } = this.#options;
    for (let attempt = 1; ; attempt++) {
      const remaining = deadlineAt - performance.now();
      if (remaining <= 0) throw new DixaTimeoutError(operation(call), 0);
      try {
        breaker?.before();
      } catch (error) {
        if (error instanceof CircuitOpenError) throw new DixaCircuitOpenError(operation(call), error.retryAfterSeconds);
        throw error;
      }
      try {
        await limiter?.acquire(deadlineAt);
      } catch (error) {
        breaker?.neutral();
        if (error instanceof RateLimitedError) throw new DixaRateLimitedError(operation(call), error.retryAfterSeconds);
        throw error;
      }
      const started = performance.now();
      const timeoutMs = Math.max(1, Math.ceil(Math.min(this.#timeoutMs, deadlineAt - started)));
      let failure: DixaError;
      // Not AbortSignal.timeout(): its timer and weak refs outlive the call by the whole timeout,
      // thousands at a time under load; this one is cleared as soon as the answer is read.
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(new DOMException('Dixa call timed out', 'TimeoutError')), timeoutMs);
      try {
        const res = await this.#pool.request({ origin: this.#origin, path, method: call.method, headers, body, signal: abort.signal });
        const text = await res.body.text();
        clearTimeout(timer);
        this.#emit(call, attempt, started, res.statusCode);
        if (res.statusCode >= 500) breaker?.failure();
        else if (res.statusCode < 300) breaker?.success();
        else breaker?.neutral();
        if (res.statusCode >= 200 && res.statusCode < 300) return { status: res.statusCode, text };
        failure = new DixaHttpError(operation(call), res.statusCode, dixaMessage(text), retryAfterSeconds(res.headers['retry-after']));
      } catch (error) {
        clearTimeout(timer);
        failure = transportError(call, error, timeoutMs);
        breaker?.failure();
        this.#emit(call, attempt, started, undefined, failure.kind);
      }
      const decision = decideRetry(failure, { idempotent: call.idempotent, attempt }, this.#retry);
      if (decision.retry && performance.now() + decision.delayMs < deadlineAt) {
        await sleep(decision.delayMs);
        continue;
      }
      if (!call.idempotent && failure.kind !== 'http' && !wasNotSent(failure))
        throw new DixaOutcomeUnknownError(operation(call), failure.kind);
      throw failure;
    }
  }

  #emit(call: Call, attempt: number, started: number, status?: number, error?: DixaErrorKind) {
    this.#onCall?.({ method: call.method, template: `${call.method} ${call.template}`, status, durationMs: performance.now() - started, attempt, error });
  }
}

function operation(call: Call) {
  return `${call.method} ${call.template}`;
}

/**
 * Path and query string. Typed calls build their paths from encoded segments, so only the
 * passthrough's caller-given path goes through URL normalisation (no `..` escapes /v1).
 */
function requestPath(call: Call, origin: string): string {
  const pairs: string[] = [];
  for (const key in call.query) {
    const value = call.query[key];
    if (value != null && value !== '') pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  const query = pairs.length ? `?${pairs.join('&')}` : '';
  if (call.template !== '/v1/*') return call.path + query;
  const url = new URL(call.path, origin);
  return url.pathname + query;
}

function pageQuery(page: PageRequest) {
  return { pageKey: page.pageKey ?? undefined, pageLimit: page.pageLimit };
}

function parseJson(call: Call, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DixaDecodeError(operation(call), 'the response body is not JSON');
  }
}

/** Validates; the error names where the shape differs and what was expected, never the values. */
function validate<S extends z.ZodType>(call: Call, schema: S, value: unknown, at: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${[at, ...issue.path].join('.')}: ${issue.code}${'expected' in issue ? ` (expected ${String(issue.expected)})` : ''}`);
  throw new DixaDecodeError(operation(call), issues.join('; '));
}

function dixaMessage(text: string): string | undefined {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.message.slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function transportError(call: Call, error: unknown, timeoutMs: number): DixaError {
  if (error instanceof DixaError) return error;
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.code === 'UND_ERR_HEADERS_TIMEOUT' || e?.code === 'UND_ERR_BODY_TIMEOUT')
    return new DixaTimeoutError(operation(call), timeoutMs);
  return new DixaNetworkError(operation(call), e?.code ?? e?.cause?.code);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
