/**
 * Selection-set lookahead, for prefetching: a resolver that can see which fields its children
 * will ask for starts the Dixa calls that need only ids it already has, instead of letting
 * them wait for the parent's own call (README "Prefetching").
 */
import {
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type SelectionNode,
} from 'graphql';

type Variables = GraphQLResolveInfo['variableValues'];

function included(node: SelectionNode, variables: Variables): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/** Whether a fragment with this type condition applies to objects of `typeName` (any type when unnamed). */
function applies(condition: string | undefined, typeName: string | undefined, info: GraphQLResolveInfo): boolean {
  if (!condition || !typeName || condition === typeName) return true;
  const abstract = info.schema.getType(condition);
  const object = info.schema.getType(typeName);
  return isAbstractType(abstract) && isObjectType(object) && info.schema.isSubType(abstract, object);
}

/** The field nodes directly under `selections`, through fragments, honouring @skip/@include. */
function fieldsOf(selections: readonly SelectionNode[], info: GraphQLResolveInfo, typeName?: string, out: FieldNode[] = []): FieldNode[] {
  for (const node of selections) {
    if (!included(node, info.variableValues)) continue;
    if (node.kind === Kind.FIELD) out.push(node);
    else if (node.kind === Kind.INLINE_FRAGMENT) {
      if (applies(node.typeCondition?.name.value, typeName, info)) fieldsOf(node.selectionSet.selections, info, typeName, out);
    } else {
      const fragment: FragmentDefinitionNode | undefined = info.fragments[node.name.value];
      if (fragment && applies(fragment.typeCondition.name.value, typeName, info)) fieldsOf(fragment.selectionSet.selections, info, typeName, out);
    }
  }
  return out;
}

/**
 * The field nodes selected at `path` below the current field: `select(info, ['nodes'])` gives
 * what a connection's nodes ask for (aliases merged, so one name may appear more than once).
 * With `typeName`, only fragments that apply to that type count (for `_entities`).
 */
export function select(info: GraphQLResolveInfo, path: readonly string[], typeName?: string): FieldNode[] {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    const selections = level.flatMap((field) => field.selectionSet?.selections ?? []);
    level = fieldsOf(selections, info).filter((field) => field.name.value === name);
  }
  return fieldsOf(level.flatMap((field) => field.selectionSet?.selections ?? []), info, typeName);
}

/** What a connection's node type is asked for, through `nodes` and `edges { node }`. */
export function selectNodeFields(info: GraphQLResolveInfo): FieldNode[] {
  return [...select(info, ['nodes']), ...select(info, ['edges', 'node'])];
}

/** The fields selected under the selected fields called `name` among `fields`. */
export function childFields(info: GraphQLResolveInfo, fields: FieldNode[], name: string): FieldNode[] {
  return fieldsOf(fields.filter((field) => field.name.value === name).flatMap((field) => field.selectionSet?.selections ?? []), info);
}

/** What the nodes of the connection field `name` among `fields` are asked for (`nodes`, `edges { node }`). */
export function childNodeFields(info: GraphQLResolveInfo, fields: FieldNode[], name: string): FieldNode[] {
  const connection = childFields(info, fields, name);
  return [...childFields(info, connection, 'nodes'), ...childFields(info, childFields(info, connection, 'edges'), 'node')];
}

export const names = (fields: FieldNode[]) => new Set(fields.map((field) => field.name.value));

/** A selected field's arguments, with variables and defaults applied as execution would. */
export function argumentsOf(definition: GraphQLField<unknown, unknown>, node: FieldNode, info: GraphQLResolveInfo) {
  return getArgumentValues(definition, node, info.variableValues);
}

/**
 * Starts a load whose result a later resolver will await; its failure surfaces there (DataLoader
 * keeps the rejected promise), not here. A synchronous throw is a bug and is not swallowed.
 */
export function prefetch(load: () => Promise<unknown>): void {
  load().catch(() => {});
}
