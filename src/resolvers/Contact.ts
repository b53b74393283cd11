import type { ContactResolvers } from '../generated/graphql.ts';
import { contactTicketsConnection } from './lists.ts';

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
  tickets: (contact, args, ctx) => contactTicketsConnection(ctx, contact.id, args),
};
