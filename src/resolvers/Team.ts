import type { TeamResolvers } from '../generated/graphql.ts';
import { idListConnection } from './lists.ts';

export const Team: TeamResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.team.load(ref.id),
  members: async (team, args, ctx) =>
    idListConnection(`team:${team.id}:members`, await ctx.loaders.teamMemberIds.load(team.id), args, (ids) =>
      ctx.loaders.user.loadMany(ids),
    ),
};
