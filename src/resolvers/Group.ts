import type { GroupResolvers } from '../generated/graphql.ts';
import { idListConnection } from './lists.ts';

/** Groups are Dixa teams seen through the unified User Directory model. */
export const Group: GroupResolvers = {
  members: async (group, args, ctx) =>
    idListConnection(`group:${group.id}:members`, await ctx.loaders.teamMemberIds.load(group.id), args, (ids) => ctx.loaders.user.loadMany(ids)),
};
