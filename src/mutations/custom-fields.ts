/**
 * Custom field inputs → Dixa's attribute map `{definitionId: value}`, validated against the
 * organisation's definitions before anything is written.
 */
import type { AttributeValues } from '../dixa/api.ts';
import type { DixaCustomAttributeDefinition, DixaSelectOption } from '../dixa/wire.ts';
import type { CustomFieldInput } from '../generated/graphql.ts';
import type { UserErrorModel } from '../mapping/models.ts';
import { userError, type FieldPath } from './user-errors.ts';

export type AttributeEntity = 'Conversation' | 'Contact';

function optionPathError(def: DixaCustomAttributeDefinition, path: string[]): string | null {
  let options: DixaSelectOption[] = def.inputDefinition?.options ?? [];
  for (const step of path) {
    const option = options.find((o) => o.value === step);
    if (!option) return `"${step}" is not an option of ${def.label} (options: ${options.map((o) => o.value).join(', ') || 'none'})`;
    options = option.nestedOptions ?? [];
  }
  return null;
}

export function customFieldValues(
  inputs: readonly CustomFieldInput[],
  definitions: readonly DixaCustomAttributeDefinition[],
  entity: AttributeEntity,
  at: FieldPath,
): { values: AttributeValues; errors: UserErrorModel[] } {
  const values: AttributeValues = {};
  const errors: UserErrorModel[] = [];
  inputs.forEach((input, i) => {
    const path = [...at, i];
    if (!input.id && !input.identifier) return errors.push(userError(path, 'Give the custom field `id` or `identifier`', 'REQUIRED'));
    const def = definitions.find((d) => d.entityType === entity && (input.id ? d.id === input.id : d.identifier === input.identifier));
    if (!def) return errors.push(userError(path, `No ${entity === 'Conversation' ? 'ticket' : 'contact'} custom field ${input.id ?? input.identifier}`, 'NOT_FOUND'));
    if (def.isDeactivated || def.isArchived) return errors.push(userError(path, `Custom field ${def.label} is ${def.isArchived ? 'archived' : 'deactivated'}`, 'INVALID'));
    if (input.value != null && input.values != null) return errors.push(userError(path, 'Give `value` or `values`, not both', 'INVALID'));
    const isSelect = def.inputDefinition?._type === 'Select';
    if (input.value == null && input.values == null) {
      if (def.isRequired) return errors.push(userError(path, `Custom field ${def.label} is required and cannot be cleared`, 'INVALID'));
      values[def.id] = null;
      return;
    }
    if (!isSelect) {
      if (input.values != null) return errors.push(userError([...path, 'values'], `${def.label} is a text field: use \`value\``, 'INVALID'));
      values[def.id] = input.value!;
      return;
    }
    const optionPath = input.values ?? [input.value!];
    const problem = optionPath.length ? optionPathError(def, optionPath) : `${def.label} needs an option`;
    if (problem) return errors.push(userError([...path, input.values ? 'values' : 'value'], problem, 'INVALID'));
    values[def.id] = optionPath;
  });
  return { values, errors };
}
