/** Dixa conversation → Ticket. */
import { KNOWN_CHANNELS, KNOWN_STATES } from '../dixa/assumptions.ts';
import type { DixaConversation, DixaCustomAttributeValue } from '../dixa/wire.ts';
import type { CustomFieldValueModel, StatusCategory, TicketModel, TicketStatusModel, TicketTypeModel } from './models.ts';
import { humanize, isoDateTime, nonEmpty } from './values.ts';

/**
 * Dixa states → unified categories. AwaitingPending (a follow-up is set but the conversation is
 * not yet parked) counts as PENDING. A state Dixa adds later maps to OPEN, its raw value kept as id.
 */
const STATUS_CATEGORIES: Record<string, StatusCategory> = {
  Open: 'OPEN',
  Pending: 'PENDING',
  AwaitingPending: 'PENDING',
  Closed: 'CLOSED',
};

export function mapTicketStatus(state: string | null | undefined): TicketStatusModel {
  const id = nonEmpty(state) ?? 'Open';
  return { id, name: humanize(id), category: STATUS_CATEGORIES[id] ?? 'OPEN' };
}

/** Dixa states of a unified category (for pushing a status filter down to Dixa's search). */
export function statesOf(category: StatusCategory): string[] {
  return Object.entries(STATUS_CATEGORIES)
    .filter(([, c]) => c === category)
    .map(([state]) => state);
}

export const TICKET_STATUSES: TicketStatusModel[] = KNOWN_STATES.map(mapTicketStatus);

export function mapTicketType(channel: string): TicketTypeModel {
  return { id: channel, name: humanize(channel) };
}

export const TICKET_TYPES: TicketTypeModel[] = KNOWN_CHANNELS.map(mapTicketType);

export function mapCustomFieldValue(attr: DixaCustomAttributeValue): CustomFieldValueModel {
  const raw = attr.value;
  const values = raw == null ? [] : Array.isArray(raw) ? raw : [raw];
  return {
    id: attr.id,
    identifier: attr.identifier ?? null,
    name: attr.name ?? null,
    value: values.length ? values.join(' / ') : null,
    values,
  };
}

export function mapTicket(conv: DixaConversation): TicketModel {
  const status = mapTicketStatus(conv.state);
  const createdAt = isoDateTime(conv.createdAt) ?? new Date(0).toISOString();
  const stateUpdatedAt = isoDateTime(conv.stateUpdatedAt);
  return {
    id: String(conv.id),
    conversationId: conv.id,
    subject: nonEmpty(conv.subject),
    status,
    channel: conv.channel,
    type: mapTicketType(conv.channel),
    priority: null,
    contactId: conv.requesterId,
    assigneeId: conv.assignment?.agentId ?? null,
    queueId: conv.queue?.id ?? null,
    customFields: (conv.customAttributes ?? []).map(mapCustomFieldValue),
    createdAt,
    updatedAt: stateUpdatedAt ?? createdAt,
    closedAt: status.category === 'CLOSED' ? stateUpdatedAt : null,
    remoteData: conv,
  };
}
