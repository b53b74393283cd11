import type { CollectionResolvers, TagResolvers } from '../generated/graphql.ts';

export const Tag: TagResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.tag.load(ref.id),
};

export const Collection: CollectionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.collection.load(ref.id),
};
