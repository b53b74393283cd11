import { DateTimeResolver, EmailAddressResolver, JSONResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql.ts';
import { Collection, Tag } from './Catalog.ts';
import { Attachment, Comment, CommentAuthor } from './Comment.ts';
import { Contact } from './Contact.ts';
import { CustomFieldValue } from './Field.ts';
import { Group } from './Group.ts';
import { EventConsumer, TicketEvent } from './TicketEvent.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { Team } from './Team.ts';
import { Ticket } from './Ticket.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  EmailAddress: EmailAddressResolver,
  URL: URLResolver,
  JSON: JSONResolver,
  Query,
  Mutation,
  Ticket,
  Comment,
  CommentAuthor,
  Attachment,
  Contact,
  User,
  Team,
  Tag,
  Collection,
  CustomFieldValue,
  Group,
  TicketEvent,
  EventConsumer,
};
