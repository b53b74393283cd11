import type { UserResolvers } from '../generated/graphql.ts';
import { notNull } from './ids.ts';
import { throwErrors } from './lists.ts';

export const User: UserResolvers = {
  __resolveReference: (ref, ctx) => {
    if ('id' in ref && ref.id) return ctx.loaders.user.load(ref.id);
    if ('email' in ref && ref.email) return ctx.loaders.userByEmail.load(ref.email);
    return null;
  },
  teams: async (user, _, ctx) => {
    const ids = await ctx.loaders.userTeamIds.load(user.id);
    return throwErrors(await ctx.loaders.team.loadMany(ids)).filter(notNull);
  },
};
