/** Dixa webhook deliveries (§7: snake_case, upper-case enums) → unified ticket events. */
import { z } from 'zod';
import type { StatusCategory } from './models.ts';
import { isoDateTime } from './values.ts';

export type TicketEventTypeValue = 'CREATED' | 'STATUS_CHANGED' | 'ASSIGNED' | 'UNASSIGNED' | 'TAGGED' | 'UNTAGGED' | 'COMMENT_ADDED' | 'RATED' | 'OTHER';

/** What we rely on in a delivery; everything else is kept in `raw`. */
export const WebhookDeliverySchema = z.looseObject({
  event_id: z.string().min(1).max(200),
  event_fqn: z.string().min(1).max(200),
  event_timestamp: z.string().optional(),
  data: z.looseObject({
    conversation: z.looseObject({ csid: z.number().int().positive(), status: z.string().nullish() }).optional(),
    csid: z.number().int().positive().optional(),
  }),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

const TYPES: Record<string, TicketEventTypeValue> = {
  CONVERSATION_CREATED: 'CREATED',
  CONVERSATION_OPEN: 'STATUS_CHANGED',
  CONVERSATION_PENDING: 'STATUS_CHANGED',
  CONVERSATION_PENDING_EXPIRED: 'STATUS_CHANGED',
  CONVERSATION_CLOSED: 'STATUS_CHANGED',
  CONVERSATION_ABANDONED: 'STATUS_CHANGED',
  CONVERSATION_ASSIGNED: 'ASSIGNED',
  CONVERSATION_UNASSIGNED: 'UNASSIGNED',
  CONVERSATION_TAG_ADDED: 'TAGGED',
  CONVERSATION_TAG_REMOVED: 'UNTAGGED',
  CONVERSATION_MESSAGE_ADDED: 'COMMENT_ADDED',
  CONVERSATION_NOTE_ADDED: 'COMMENT_ADDED',
  CONVERSATION_RATED: 'RATED',
};

/** Webhook statuses are upper-case (OPEN, PENDING, CLOSED…); REST states are PascalCase. */
const STATUS: Record<string, { state: string; category: StatusCategory }> = {
  OPEN: { state: 'Open', category: 'OPEN' },
  PENDING: { state: 'Pending', category: 'PENDING' },
  AWAITING_PENDING: { state: 'AwaitingPending', category: 'PENDING' },
  CLOSED: { state: 'Closed', category: 'CLOSED' },
};

/** The Dixa subscription names whose deliveries map onto the model. */
export const SUBSCRIBED_EVENTS = [
  'ConversationCreated', 'ConversationOpen', 'ConversationPending', 'ConversationPendingExpired', 'ConversationClosed', 'ConversationAbandoned',
  'ConversationAssigned', 'ConversationUnassigned', 'ConversationTagAdded', 'ConversationTagRemoved', 'ConversationMessageAdded', 'ConversationNoteAdded', 'ConversationRated',
];

export interface NormalisedEvent {
  eventId: string;
  type: TicketEventTypeValue;
  ticketId: string;
  occurredAt: string;
  /** Raw Dixa state (PascalCase) after the event, when the event carries it. */
  status: string | null;
}

export function normaliseDelivery(delivery: WebhookDelivery, receivedAt: Date): NormalisedEvent | null {
  const csid = delivery.data.conversation?.csid ?? delivery.data.csid;
  if (!csid) return null;
  const type = TYPES[delivery.event_fqn] ?? 'OTHER';
  const statusKey = (delivery.data.conversation?.status ?? '').toUpperCase();
  const fromName = delivery.event_fqn === 'CONVERSATION_PENDING_EXPIRED' ? 'OPEN' : delivery.event_fqn.replace(/^CONVERSATION_/, '');
  const status = type === 'STATUS_CHANGED' || type === 'CREATED' ? (STATUS[statusKey] ?? STATUS[fromName])?.state ?? null : (STATUS[statusKey]?.state ?? null);
  return {
    eventId: delivery.event_id,
    type,
    ticketId: String(csid),
    occurredAt: isoDateTime(delivery.event_timestamp) ?? receivedAt.toISOString(),
    status,
  };
}
