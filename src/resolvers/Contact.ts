import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.ts';
import type { ContactResolvers } from '../generated/graphql.ts';
import { contactTicketsConnection } from './lists.ts';
import { argumentsOf, childNodeFields, prefetch, select, selectNodeFields } from './lookahead.ts';
import { ticketPrefetch } from './prefetch.ts';

/**
 * `contact(id) { tickets { … } }`: the contact's conversation page needs only the id, so it is
 * fetched alongside the contact (the same loader keys Contact.tickets will ask for).
 */
export function prefetchContactTickets(ctx: Context, contactId: string, info: GraphQLResolveInfo) {
  const definition = (info.schema.getType('Contact') as GraphQLObjectType).getFields().tickets!;
  for (const node of select(info, []).filter((field) => field.name.value === 'tickets')) {
    // …and what those tickets are asked for starts as soon as the page lands, not after the contact.
    const parts = ticketPrefetch(ctx, info, childNodeFields(info, [node], 'tickets'));
    prefetch(() => contactTicketsConnection(ctx, contactId, argumentsOf(definition, node, info), undefined, undefined, parts));
  }
}

export const Contact: ContactResolvers = {
  __resolveReference: (ref, ctx) => {
    if ('id' in ref && ref.id) return ctx.loaders.contact.load(ref.id);
    if ('email' in ref && ref.email) return ctx.loaders.contactByEmail.load(ref.email);
    return null;
  },
  /** Dixa v1 has no end-user tags (README "Mapping"). */
  tags: () => [],
  /** List endpoints omit custom attributes: fetch the contact by id when they are asked for. */
  customFields: async (contact, _, ctx) =>
    contact.customFields ?? (await ctx.loaders.contactDetail.load(contact.id))?.customFields ?? [],
  tickets: (contact, args, ctx, info) =>
    contactTicketsConnection(ctx, contact.id, args, undefined, undefined, ticketPrefetch(ctx, info, selectNodeFields(info))),
};
