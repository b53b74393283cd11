import type { CustomFieldValueResolvers } from '../generated/graphql.ts';
import { displayValue, mapField } from '../mapping/fields.ts';

export const CustomFieldValue: CustomFieldValueResolvers = {
  field: async (value, _, ctx) => {
    const def = await ctx.loaders.attributeDefinition.load(value.id);
    return def ? mapField(def) : null;
  },
  displayValue: async (value, _, ctx) => displayValue(value, await ctx.loaders.attributeDefinition.load(value.id)),
};
