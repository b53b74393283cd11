/** Custom attribute definitions and the unified model's system fields → Field; value display. */
import type { DixaCustomAttributeDefinition, DixaSelectOption } from '../dixa/wire.ts';
import type { CustomFieldValueModel, FieldEntityType, FieldModel, FieldOptionModel, FieldTypeValue } from './models.ts';

const ENTITY: Record<string, FieldEntityType> = { Conversation: 'TICKET', Contact: 'CONTACT' };
const INPUT_TYPES: Record<string, FieldTypeValue> = { Text: 'TEXT', Select: 'SELECT' };

function mapOptions(options: DixaSelectOption[] | null | undefined): FieldOptionModel[] {
  return (options ?? []).map((o) => ({ value: o.value, label: o.label ?? null, options: mapOptions(o.nestedOptions) }));
}

/** Definitions of another entity type (Dixa may add some) are not fields of the unified model. */
export function mapField(def: DixaCustomAttributeDefinition): FieldModel | null {
  const entityType = ENTITY[def.entityType];
  if (!entityType) return null;
  return {
    id: def.id,
    name: def.identifier,
    label: def.label,
    description: def.description ?? null,
    entityType,
    fieldType: INPUT_TYPES[def.inputDefinition?._type ?? ''] ?? 'OTHER',
    options: mapOptions(def.inputDefinition?.options),
    isUserDefined: true,
    isRequired: def.isRequired ?? false,
    isActive: !def.isArchived && !def.isDeactivated,
    remoteData: def,
  };
}

const system = (entityType: FieldEntityType, name: string, label: string, fieldType: FieldTypeValue, isRequired = false): FieldModel => ({
  id: `system:${entityType.toLowerCase()}:${name}`,
  name,
  label,
  description: null,
  entityType,
  fieldType,
  options: [],
  isUserDefined: false,
  isRequired,
  isActive: true,
  remoteData: null,
});

/** The unified model's own fields, listed beside Dixa's custom attributes. */
export const SYSTEM_FIELDS: FieldModel[] = [
  system('TICKET', 'subject', 'Subject', 'TEXT'),
  system('TICKET', 'description', 'Description', 'TEXT'),
  system('TICKET', 'status', 'Status', 'ENUM', true),
  system('TICKET', 'type', 'Type (channel)', 'ENUM', true),
  system('TICKET', 'contact', 'Requester', 'REFERENCE', true),
  system('TICKET', 'assignees', 'Assignee', 'REFERENCE'),
  system('TICKET', 'collection', 'Queue', 'REFERENCE'),
  system('TICKET', 'tags', 'Tags', 'REFERENCE'),
  system('TICKET', 'createdAt', 'Created at', 'DATETIME', true),
  system('TICKET', 'updatedAt', 'Updated at', 'DATETIME'),
  system('TICKET', 'closedAt', 'Closed at', 'DATETIME'),
  system('CONTACT', 'name', 'Name', 'TEXT'),
  system('CONTACT', 'email', 'E-mail', 'TEXT'),
  system('CONTACT', 'phones', 'Phone numbers', 'TEXT'),
  system('CONTACT', 'externalId', 'External id', 'TEXT'),
];

/** Option labels along a Select's path ("Billing / Refund"); the raw text for a Text field. */
export function displayValue(value: CustomFieldValueModel, def: DixaCustomAttributeDefinition | null | undefined): string | null {
  if (!value.values.length) return null;
  if (def?.inputDefinition?._type !== 'Select') return value.value;
  let options = def.inputDefinition.options ?? [];
  return value.values
    .map((step) => {
      const option = options.find((o) => o.value === step);
      options = option?.nestedOptions ?? [];
      return option?.label ?? step;
    })
    .join(' / ');
}
