/**
 * The Dixa operations the subgraph uses, one typed method per endpoint. Loaders depend on this
 * interface; `DixaClient` (./client.ts) implements it over undici.
 */
import type {
  DixaAgent,
  DixaAgentTeam,
  DixaConversation,
  DixaCustomAttributeDefinition,
  DixaCustomAttributeValue,
  DixaEndUser,
  DixaMessage,
  DixaNote,
  DixaQueue,
  DixaQueueMember,
  DixaSearchBody,
  DixaSearchHit,
  DixaTag,
  DixaTeam,
  DixaTeamMember,
} from './wire.ts';

export interface PageRequest {
  /** Dixa's opaque page key (from `meta.next`); absent for the first page. */
  pageKey?: string | null | undefined;
  pageLimit?: number | undefined;
}

export interface Page<T> {
  items: T[];
  /** The `pageKey` of the next page, extracted from `meta.next`; null on the last page. */
  nextPageKey: string | null;
}

/** Custom attribute values by definition id: text, a Select's option path, or null to clear. */
export type AttributeValues = Record<string, string | string[] | null>;

/** Per-item result of Dixa's bulk endpoints (e.g. team members). */
export type BulkOutcome = { ok: true; id: string } | { ok: false; id: string | null; message: string };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RawRequest {
  method: HttpMethod;
  /** Path under the API origin, starting with `/v1/`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
}

export interface RawResponse {
  status: number;
  body: unknown;
}

export interface DixaApi {
  /** This client bound to one GraphQL operation's time budget (ms). */
  forRequest(budgetMs: number): DixaApi;

  searchConversations(body: DixaSearchBody, page?: PageRequest): Promise<Page<DixaSearchHit>>;
  getConversation(id: number): Promise<DixaConversation>;
  listConversationMessages(id: number): Promise<DixaMessage[]>;
  listConversationNotes(id: number): Promise<DixaNote[]>;
  listConversationTags(id: number): Promise<DixaTag[]>;

  listEndUsers(
    filter: { email?: string; phone?: string; externalId?: string },
    page?: PageRequest,
  ): Promise<Page<DixaEndUser>>;
  getEndUser(id: string): Promise<DixaEndUser>;
  listEndUserConversations(id: string, page?: PageRequest): Promise<Page<DixaConversation>>;

  listAgents(filter: { email?: string; phone?: string }, page?: PageRequest): Promise<Page<DixaAgent>>;
  getAgent(id: string): Promise<DixaAgent>;
  listAgentTeams(id: string): Promise<DixaAgentTeam[]>;

  listTeams(): Promise<DixaTeam[]>;
  getTeam(id: string): Promise<DixaTeam>;
  listTeamMembers(teamId: string): Promise<DixaTeamMember[]>;

  listQueues(): Promise<DixaQueue[]>;
  getQueue(id: string): Promise<DixaQueue>;
  listQueueMembers(queueId: string): Promise<DixaQueueMember[]>;

  listTags(options?: { includeDeactivated?: boolean }): Promise<DixaTag[]>;
  getTag(id: string): Promise<DixaTag>;

  listCustomAttributes(): Promise<DixaCustomAttributeDefinition[]>;

  // ── writes: POST creates are never retried once they may have reached Dixa ──
  createConversation(body: Record<string, unknown>): Promise<{ id: number }>;
  closeConversation(id: number, body?: { userId?: string }): Promise<void>;
  reopenConversation(id: number, body?: { userId?: string }): Promise<void>;
  claimConversation(id: number, body: { agentId: string; force?: boolean }): Promise<void>;
  /** Sets the conversation Pending until `timestamp` (body shape per docs.dixa.io; the CLI differs). */
  followUpConversation(id: number, body: { timestamp: string; userId?: string }): Promise<void>;
  transferConversationToQueue(id: number, body: { queueId: string; userId?: string }): Promise<void>;
  tagConversation(id: number, tagId: string): Promise<void>;
  untagConversation(id: number, tagId: string): Promise<void>;
  patchConversationCustomAttributes(id: number, values: AttributeValues): Promise<DixaCustomAttributeValue[]>;
  createMessage(id: number, body: Record<string, unknown>): Promise<{ messageId: string; createdAt: string }>;
  createNote(id: number, body: { message: string; agentId?: string }): Promise<DixaNote>;
  createEndUser(body: Record<string, unknown>): Promise<DixaEndUser>;
  patchEndUser(id: string, body: Record<string, unknown>): Promise<DixaEndUser>;
  patchEndUserCustomAttributes(id: string, values: AttributeValues): Promise<DixaCustomAttributeValue[]>;
  createAgent(body: Record<string, unknown>): Promise<DixaAgent>;
  patchAgent(id: string, body: Record<string, unknown>): Promise<DixaAgent>;
  /** Dixa downgrades the agent to an end user (same id). */
  deleteAgent(id: string): Promise<void>;
  createTeam(body: { name: string }): Promise<DixaTeam>;
  deleteTeam(id: string): Promise<void>;
  addTeamMembers(teamId: string, agentIds: string[]): Promise<BulkOutcome[]>;
  removeTeamMembers(teamId: string, agentIds: string[]): Promise<void>;
  createTag(body: { name: string; color?: string }): Promise<DixaTag>;
  activateTag(id: string): Promise<void>;
  deactivateTag(id: string): Promise<void>;

  /** Webhook subscriptions (POST creates: never retried once sent). */
  createWebhook(body: { name: string; url: string; events: string[]; authorization: { _type: string } }): Promise<{ id: string }>;
  deleteWebhook(id: string): Promise<void>;

  /** Unvalidated passthrough for paths the unified model does not cover. */
  raw(request: RawRequest): Promise<RawResponse>;
}
