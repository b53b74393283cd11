/**
 * The Dixa operations the subgraph uses, one typed method per endpoint. Loaders depend on this
 * interface; `DixaClient` (./client.ts) implements it over undici.
 */
import type {
  DixaAgent,
  DixaAgentTeam,
  DixaConversation,
  DixaCustomAttributeDefinition,
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

  /** Unvalidated passthrough for paths the unified model does not cover. */
  raw(request: RawRequest): Promise<RawResponse>;
}
