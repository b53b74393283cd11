/** Filter argument checks, before any Dixa call. */
import type { TicketFilter } from '../generated/graphql.ts';
import { badUserInput } from '../errors.ts';
import { entityIdArg } from './ids.ts';

export function validateTicketFilter(filter: TicketFilter): void {
  if (filter.contactId != null) entityIdArg(filter.contactId, 'filter.contactId');
  if (filter.assigneeId != null) entityIdArg(filter.assigneeId, 'filter.assigneeId');
  if (filter.collectionId != null) entityIdArg(filter.collectionId, 'filter.collectionId');
  filter.tagIds?.forEach((id, i) => entityIdArg(id, `filter.tagIds[${i}]`));
  if (filter.createdAfter && filter.createdBefore && filter.createdAfter >= filter.createdBefore)
    throw badUserInput('filter.createdAfter must be before filter.createdBefore', { argumentName: 'filter' });
}
