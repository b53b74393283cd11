import type { MutationResolvers } from '../generated/graphql.ts';
import { createComment, createTag } from '../mutations/comments.ts';
import {
  changeTeamMembers,
  createContact,
  createTeam,
  createUser,
  deactivateUser,
  deleteTeam,
  updateContact,
  updateUser,
} from '../mutations/directory.ts';
import { dixaRequest } from '../mutations/passthrough.ts';
import { registerEventConsumer, subscribeTicketEvents, unregisterEventConsumer, unsubscribeTicketEvents } from '../mutations/events.ts';
import { changeTicketTags, closeTicket, createTicket, reopenTicket, updateTicket } from '../mutations/tickets.ts';

export const Mutation: MutationResolvers = {
  createTicket: (_, { input }, ctx) => createTicket(ctx, input),
  updateTicket: (_, { input }, ctx) => updateTicket(ctx, input),
  closeTicket: (_, { input }, ctx) => closeTicket(ctx, input),
  reopenTicket: (_, { input }, ctx) => reopenTicket(ctx, input),
  addTicketTags: (_, { input }, ctx) => changeTicketTags(ctx, input, 'add'),
  removeTicketTags: (_, { input }, ctx) => changeTicketTags(ctx, input, 'remove'),
  createComment: (_, { input }, ctx) => createComment(ctx, input),
  createTag: (_, { input }, ctx) => createTag(ctx, input),
  createContact: (_, { input }, ctx) => createContact(ctx, input),
  updateContact: (_, { input }, ctx) => updateContact(ctx, input),
  createUser: (_, { input }, ctx) => createUser(ctx, input),
  updateUser: (_, { input }, ctx) => updateUser(ctx, input),
  deactivateUser: (_, { input }, ctx) => deactivateUser(ctx, input),
  createTeam: (_, { input }, ctx) => createTeam(ctx, input),
  deleteTeam: (_, { input }, ctx) => deleteTeam(ctx, input),
  addTeamMembers: (_, { input }, ctx) => changeTeamMembers(ctx, input, 'add'),
  removeTeamMembers: (_, { input }, ctx) => changeTeamMembers(ctx, input, 'remove'),
  dixaRequest: (_, args, ctx) => dixaRequest(ctx, args),
  subscribeTicketEvents: (_, { input }, ctx) => subscribeTicketEvents(ctx, input),
  unsubscribeTicketEvents: (_, { input }, ctx) => unsubscribeTicketEvents(ctx, input),
  registerEventConsumer: (_, { input }, ctx) => registerEventConsumer(ctx, input),
  unregisterEventConsumer: (_, { input }, ctx) => unregisterEventConsumer(ctx, input),
};
