/** Custom attribute value rules shared by conversation and end-user writes. */
import type { DixaCustomAttributeDefinition, DixaCustomAttributeValue, DixaSelectOption } from '../../dixa/wire.ts';
import { badRequest, objectBody, type RouteContext } from '../http.ts';
import { attributeValue } from '../seed.ts';

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

/** Applies a PATCH …/custom-attributes body (`{definitionId: value}`) to current values, as Dixa does. */
export function patchAttributes(ctx: RouteContext, entity: 'Conversation' | 'Contact', current: DixaCustomAttributeValue[] | null | undefined): DixaCustomAttributeValue[] {
  const values = [...(current ?? [])];
  for (const [defId, value] of Object.entries(objectBody(ctx))) {
    const def = ctx.org.customAttributes.find((d) => d.id === defId && d.entityType === entity);
    if (!def || !validAttributeValue(def, value)) throw badRequest('Invalid value for: body');
    const at = values.findIndex((v) => v.id === defId);
    if (at >= 0) values.splice(at, 1);
    if (value !== null) values.push(attributeValue(def, value as string | string[]));
  }
  return values;
}
