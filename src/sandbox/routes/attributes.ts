/** Custom attribute value rules shared by conversation and end-user writes. */
import type { DixaCustomAttributeDefinition, DixaSelectOption } from '../../dixa/wire.ts';

/** Text takes a string; Select takes the option path from root to a node; null clears. */
export function validAttributeValue(def: DixaCustomAttributeDefinition, value: unknown): boolean {
  if (def.isDeactivated || def.isArchived) return false;
  if (value === null) return true;
  if (def.inputDefinition?._type === 'Select') {
    if (!Array.isArray(value) || value.length === 0) return false;
    let options: DixaSelectOption[] = def.inputDefinition.options ?? [];
    for (const step of value) {
      const option = options.find((o) => o.value === step);
      if (!option) return false;
      options = option.nestedOptions ?? [];
    }
    return true;
  }
  return typeof value === 'string';
}
