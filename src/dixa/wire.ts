/**
 * Dixa REST v1 wire shapes, validated at runtime with zod.
 *
 * Source: ../shared/dixa-api/README.md. Fields we merely pass through stay optional and the
 * objects are loose (unknown keys are kept, so `remoteData` shows Dixa's object as sent).
 * Every shape or field marked UNCONFIRMED is a guess; the list of all guesses lives in
 * ./assumptions.ts — correct them there and here together.
 */
import { z } from 'zod';

const str = z.string();
const optStr = z.string().nullish();
const strList = z.array(z.string()).nullish();

/** Custom attribute value as carried on conversations / end users (shape CONFIRMED on PATCH responses). */
export const CustomAttributeValueSchema = z.looseObject({
  id: str,
  name: optStr,
  identifier: optStr,
  value: z.union([z.string(), z.array(z.string()), z.null()]).optional(),
});
export type DixaCustomAttributeValue = z.infer<typeof CustomAttributeValueSchema>;

export const ConversationSchema = z.looseObject({
  id: z.number().int(),
  requesterId: str,
  channel: str,
  createdAt: str,
  direction: optStr,
  state: optStr,
  stateUpdatedAt: optStr,
  customAttributes: z.array(CustomAttributeValueSchema).nullish(),
  /** UNCONFIRMED: per-channel fields (Email) */
  subject: optStr,
  fromEmail: optStr,
  toEmail: optStr,
  language: optStr,
  /** UNCONFIRMED: name and shape of the assignee on the REST object (A8). */
  assignment: z.looseObject({ agentId: str, assignedAt: optStr }).nullish(),
  /** UNCONFIRMED: name and shape of the queue on the REST object (A8). */
  queue: z.looseObject({ id: str, queuedAt: optStr }).nullish(),
  anonymizedAt: optStr,
});
export type DixaConversation = z.infer<typeof ConversationSchema>;

export const SearchHitSchema = z.looseObject({ id: z.number().int() });
export type DixaSearchHit = z.infer<typeof SearchHitSchema>;

export const ContentSchema = z.looseObject({ _type: str, value: str });

/** UNCONFIRMED: attachments on GET messages items (we read `attributes.attachments`). */
export const AttachmentSchema = z.looseObject({ url: str, prettyName: optStr });
export type DixaAttachment = z.infer<typeof AttachmentSchema>;

export const MessageSchema = z.looseObject({
  /** UNCONFIRMED: list items carry `id`; the POST response calls it `messageId`. */
  id: str,
  authorId: optStr,
  direction: optStr,
  createdAt: str,
  externalId: optStr,
  /** CONFIRMED on POST responses; on list items the content may sit under `attributes` (UNCONFIRMED). */
  content: ContentSchema.nullish(),
  attributes: z
    .looseObject({
      _type: optStr,
      content: ContentSchema.nullish(),
      attachments: z.array(AttachmentSchema).nullish(),
      isAutomated: z.boolean().nullish(),
    })
    .nullish(),
});
export type DixaMessage = z.infer<typeof MessageSchema>;

export const NoteSchema = z.looseObject({
  id: str,
  authorId: optStr,
  createdAt: str,
  csid: z.number().int().nullish(),
  message: str,
});
export type DixaNote = z.infer<typeof NoteSchema>;

/** Fields end users and agents share (CONFIRMED from their create/update bodies). */
const personFields = {
  id: str,
  displayName: optStr,
  email: optStr,
  phoneNumber: optStr,
  additionalEmails: strList,
  additionalPhoneNumbers: strList,
  firstName: optStr,
  lastName: optStr,
  middleNames: strList,
  avatarUrl: optStr,
  createdAt: optStr,
};

export const EndUserSchema = z.looseObject({
  ...personFields,
  externalId: optStr,
  /** `createdAt` is UNCONFIRMED on end users. Custom attributes: only on GET /endusers/{id}, not on list items (CONFIRMED). */
  customAttributes: z.array(CustomAttributeValueSchema).nullish(),
});
export type DixaEndUser = z.infer<typeof EndUserSchema>;

export const AgentSchema = z.looseObject({
  ...personFields,
  /** Values UNCONFIRMED (A9). */
  roles: strList,
});
export type DixaAgent = z.infer<typeof AgentSchema>;

/** Items of GET /agents/{id}/teams: `id` CONFIRMED, `name` UNCONFIRMED. */
export const AgentTeamSchema = z.looseObject({ id: str, name: optStr });
export type DixaAgentTeam = z.infer<typeof AgentTeamSchema>;

export const TeamSchema = z.looseObject({ id: str, name: str });
export type DixaTeam = z.infer<typeof TeamSchema>;

/** Items of GET /teams/{id}/agents (schema TeamMember): only `id` is relied on (UNCONFIRMED). */
export const TeamMemberSchema = z.looseObject({ id: str });
export type DixaTeamMember = z.infer<typeof TeamMemberSchema>;

export const QueueSchema = z.looseObject({ id: str, name: str, isDefault: z.boolean().nullish() });
export type DixaQueue = z.infer<typeof QueueSchema>;

/** Items of GET /queues/{id}/members: only `id`/`agentId` is relied on (UNCONFIRMED). */
export const QueueMemberSchema = z.looseObject({ id: optStr, agentId: optStr });
export type DixaQueueMember = z.infer<typeof QueueMemberSchema>;

export const TagSchema = z.looseObject({
  id: str,
  name: str,
  color: optStr,
  /** "Active" CONFIRMED; the inactive value is UNCONFIRMED (see assumptions.TAG_INACTIVE_STATE). */
  state: optStr,
});
export type DixaTag = z.infer<typeof TagSchema>;

export interface DixaSelectOption {
  value: string;
  label?: string | null | undefined;
  nestedOptions?: DixaSelectOption[] | null | undefined;
  [key: string]: unknown;
}
export const SelectOptionSchema: z.ZodType<DixaSelectOption> = z.lazy(() =>
  z.looseObject({
    value: str,
    label: optStr,
    nestedOptions: z.array(SelectOptionSchema).nullish(),
  }),
);

export const CustomAttributeDefinitionSchema = z.looseObject({
  id: str,
  entityType: str,
  identifier: str,
  label: str,
  inputDefinition: z
    .looseObject({
      _type: str,
      placeholder: optStr,
      options: z.array(SelectOptionSchema).nullish(),
    })
    .nullish(),
  description: optStr,
  createdAt: optStr,
  isRequired: z.boolean().nullish(),
  isArchived: z.boolean().nullish(),
  isDeactivated: z.boolean().nullish(),
});
export type DixaCustomAttributeDefinition = z.infer<typeof CustomAttributeDefinitionSchema>;

/** Envelope of every JSON response: `{ data, meta?: { next?, previous? } }`. */
export const MetaSchema = z
  .looseObject({ next: optStr, previous: optStr })
  .nullish();

export const ErrorBodySchema = z.looseObject({ message: str });

/** POST /search/conversations body. */
export interface DixaSearchBody {
  query?: { value: string; exactMatch?: boolean };
  filters?: {
    strategy?: 'All' | 'Any';
    conditions: Array<{ field: { _type: string; operator: { _type: string; values: string[] } } }>;
  };
}
