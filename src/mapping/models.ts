/**
 * The unified models the resolvers work with (codegen `mappers` point here). Each is produced by
 * a pure mapper from one Dixa wire object, which it keeps as `remoteData`; relations are kept
 * as Dixa ids and resolved through the per-request loaders.
 */
import type {
  DixaAgent,
  DixaAttachment,
  DixaCustomAttributeDefinition,
  DixaConversation,
  DixaEndUser,
  DixaMessage,
  DixaNote,
  DixaQueue,
  DixaTag,
  DixaTeam,
} from '../dixa/wire.ts';

export type StatusCategory = 'OPEN' | 'PENDING' | 'CLOSED';

export interface TicketStatusModel {
  id: string;
  name: string;
  category: StatusCategory;
}

export interface TicketTypeModel {
  id: string;
  name: string;
}

export interface CustomFieldValueModel {
  /** The definition id. */
  id: string;
  identifier: string | null;
  name: string | null;
  value: string | null;
  values: string[];
}

export interface TicketModel {
  id: string;
  /** Dixa's numeric conversation id. */
  conversationId: number;
  subject: string | null;
  status: TicketStatusModel;
  channel: string;
  type: TicketTypeModel;
  priority: null;
  contactId: string;
  assigneeId: string | null;
  queueId: string | null;
  customFields: CustomFieldValueModel[];
  createdAt: string;
  updatedAt: string | null;
  closedAt: string | null;
  remoteData: DixaConversation;
}

export interface AuthorRef {
  kind: 'User' | 'Contact';
  id: string;
}

export interface AttachmentModel {
  id: string;
  fileName: string | null;
  url: string;
  contentType: string | null;
  ticketId: string;
  commentId: string;
  remoteData: DixaAttachment;
}

export interface CommentModel {
  id: string;
  remoteId: string;
  ticketId: string;
  body: string | null;
  htmlBody: string | null;
  isPrivate: boolean;
  author: AuthorRef | null;
  attachments: AttachmentModel[];
  createdAt: string;
  remoteData: DixaMessage | DixaNote;
}

export interface ContactModel {
  id: string;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  emails: string[];
  email: string | null;
  phones: string[];
  externalId: string | null;
  avatarUrl: string | null;
  /** null when the object came from a list endpoint, which omits custom attributes. */
  customFields: CustomFieldValueModel[] | null;
  createdAt: string | null;
  updatedAt: string | null;
  remoteData: DixaEndUser;
}

export interface RoleModel {
  id: string;
  name: string;
}

export interface UserModel {
  id: string;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  emails: string[];
  phones: string[];
  avatarUrl: string | null;
  isActive: boolean;
  roles: RoleModel[];
  createdAt: string | null;
  remoteData: DixaAgent;
}

export interface TeamModel {
  id: string;
  name: string;
  remoteData: DixaTeam;
}

export interface TagModel {
  id: string;
  name: string;
  color: string | null;
  isActive: boolean;
  remoteData: DixaTag;
}

export interface CollectionModel {
  id: string;
  name: string;
  type: 'QUEUE';
  isDefault: boolean;
  remoteData: DixaQueue;
}

export type UserErrorCode = 'INVALID' | 'REQUIRED' | 'NOT_FOUND' | 'ALREADY_IN_STATE' | 'TAKEN' | 'UNSUPPORTED' | 'REJECTED';

export interface UserErrorModel {
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

export type FieldEntityType = 'TICKET' | 'CONTACT';
export type FieldTypeValue = 'TEXT' | 'SELECT' | 'DATETIME' | 'ENUM' | 'REFERENCE' | 'OTHER';

export interface FieldOptionModel {
  value: string;
  label: string | null;
  options: FieldOptionModel[];
}

export interface FieldModel {
  id: string;
  name: string;
  label: string;
  description: string | null;
  entityType: FieldEntityType;
  fieldType: FieldTypeValue;
  options: FieldOptionModel[];
  isUserDefined: boolean;
  isRequired: boolean;
  isActive: boolean;
  remoteData: DixaCustomAttributeDefinition | null;
}
