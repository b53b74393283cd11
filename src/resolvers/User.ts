import type { UserResolvers } from '../generated/graphql.ts';
import { notNull } from './ids.ts';
import { throwErrors } from './lists.ts';
import type { Context } from '../context.ts';
import { prefetch } from './lookahead.ts';

/**
 * An agent's team ids and the team list (for the teams themselves) at once, not one after the
 * other; the list is wasted only when no agent in the request belongs to a team.
 */
export function prefetchTeamsOf(ctx: Context, userId: string) {
  prefetch(() => ctx.loaders.userTeamIds.load(userId));
  prefetch(() => ctx.loaders.teams.get());
}

async function teamsOf(ctx: Context, userId: string) {
  prefetchTeamsOf(ctx, userId);
  const ids = await ctx.loaders.userTeamIds.load(userId);
  return throwErrors(await ctx.loaders.team.loadMany(ids)).filter(notNull);
}

export const User: UserResolvers = {
  __resolveReference: (ref, ctx) => {
    if ('id' in ref && ref.id) return ctx.loaders.user.load(ref.id);
    if ('email' in ref && ref.email) return ctx.loaders.userByEmail.load(ref.email);
    return null;
  },
  teams: (user, _, ctx) => teamsOf(ctx, user.id),
  groups: (user, _, ctx) => teamsOf(ctx, user.id),
};
