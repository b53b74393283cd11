/**
 * Every UNCONFIRMED choice about Dixa's API that is not a field shape (those are tagged in
 * ./wire.ts). Keep them here so a correction is a one-line change. References are to sections
 * of ../shared/dixa-api/README.md.
 */

/** §2/A7: only search's maximum (50) is documented; other list endpoints' maximum is unknown. */
export const PAGE_LIMIT = {
  search: 50, // CONFIRMED
  endUsers: 100, // UNCONFIRMED
  agents: 100, // UNCONFIRMED
  endUserConversations: 100, // UNCONFIRMED
} as const;

/** §2: page size Dixa uses when `pageLimit` is omitted. UNCONFIRMED. */
export const DEFAULT_PAGE_LIMIT = 50;

/**
 * §5: POST /search/conversations with an empty body (`{}`) returns every conversation of the
 * organisation, newest first. UNCONFIRMED: the docs only show searches with a query or filters.
 */
export const SEARCH_ALL_BODY = {} as const;

/** A9: the `state` of a deactivated tag. "Active" is CONFIRMED, this one is not. */
export const TAG_ACTIVE_STATE = 'Active';
export const TAG_INACTIVE_STATE = 'Inactive';

/** A9: agent `roles[]` values. UNCONFIRMED; unknown values are passed through as roles anyway. */
export const KNOWN_AGENT_ROLES = ['Agent', 'Admin', 'TeamLead'] as const;

/**
 * A4/§2: on the last page `meta` has no `next` (or `meta` is absent). Both are handled; the
 * sandbox emits `meta: {}`.
 */
export const LAST_PAGE_META = {} as const;

/** A7/§1: the real server may also accept `Bearer <token>`; we always send the bare token. */
export const authorizationHeader = (token: string): string => token;

/** Error bodies are `{ "message": string }` (A1/A4). A 401's body is UNCONFIRMED. */
export const ERROR_BODY_FIELD = 'message';

/**
 * §5: PUT /v1/conversations/{id}/followup takes `{ timestamp, userId? }` (docs.dixa.io beta);
 * Dixa's CLI sends `{ followUp: boolean }`. UNCONFIRMED which the v1 server accepts.
 */
export const FOLLOW_UP_BODY = (timestamp: string, userId?: string) => ({ timestamp, ...(userId ? { userId } : {}) });

/**
 * §5: the `field._type` names of POST /v1/search/conversations filter conditions. Only "Channel"
 * with operator "IncludesOne" is CONFIRMED (Dixa's CLI docs); the others are UNCONFIRMED guesses
 * that follow the same pattern. Values: raw Dixa ids/states.
 */
export const SEARCH_FILTER_FIELD = {
  channel: 'Channel', // CONFIRMED
  status: 'Status',
  assignee: 'Assignee',
  queue: 'Queue',
  tag: 'Tag',
  requester: 'Requester',
} as const;

/** §6: conversation channels named in Dixa's docs (the `channel` enum of the conversation object). */
export const KNOWN_CHANNELS = ['Email', 'WidgetChat', 'PstnPhone', 'Callback', 'Voicemail', 'Sms', 'WhatsApp', 'FacebookMessenger', 'Messenger', 'Twitter', 'ContactForm'] as const;

/** §6: conversation states (CONFIRMED values). */
export const KNOWN_STATES = ['Open', 'Pending', 'AwaitingPending', 'Closed'] as const;
