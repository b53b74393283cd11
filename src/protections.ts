/**
 * Query protections, checked after parsing and before any resolver (so before any Dixa call):
 * depth, aliases, and a cost that multiplies a connection's selection by its `first` (default 25),
 * like GitHub's. Over a limit → QUERY_TOO_COMPLEX with the computed value. Introspection fields
 * and the router's `_entities`/`_service` are exempt: the router enforces its own limits, and a
 * subgraph must never refuse its entity fetches.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { graphQLError } from './errors.ts';
import { DEFAULT_FIRST } from './pagination/connection.ts';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 25_000, maxAliases: 30 };

const EXEMPT_ROOTS = new Set(['_entities', '_service']);

interface Measure {
  depth: number;
  cost: number;
  aliases: number;
}

function firstOf(field: FieldNode, variables: Record<string, unknown>): number | null {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  if (!arg) return null;
  const value = valueOf(arg.value, variables);
  return typeof value === 'number' && value >= 0 ? value : null;
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  return undefined;
}

/** Connections are recognised by their shape: a field with `first` whose selection has edges/nodes. */
function isConnection(field: FieldNode): boolean {
  return !!field.arguments?.some((a) => a.name.value === 'first') || !!field.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && (s.name.value === 'edges' || s.name.value === 'nodes'));
}

export function measure(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): Measure {
  let aliases = 0;
  const visit = (set: SelectionSetNode, depth: number, seen: Set<string>): { depth: number; cost: number } => {
    let maxDepth = depth;
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        if (selection.name.value.startsWith('__')) continue;
        if (depth === 0 && EXEMPT_ROOTS.has(selection.name.value)) continue;
        // Scalars are free: the cost is in the objects Dixa must be asked for.
        if (!selection.selectionSet) continue;
        const inner = visit(selection.selectionSet, depth + 1, seen);
        const multiplier = isConnection(selection) ? (firstOf(selection, variables) ?? DEFAULT_FIRST) : 1;
        cost += 1 + multiplier * inner.cost;
        maxDepth = Math.max(maxDepth, inner.depth);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = visit(selection.selectionSet, depth, seen);
        cost += inner.cost;
        maxDepth = Math.max(maxDepth, inner.depth);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue; // cycles are a validation error already
        const inner = visit(fragment.selectionSet, depth, new Set([...seen, name]));
        cost += inner.cost;
        maxDepth = Math.max(maxDepth, inner.depth);
      }
    }
    return { depth: maxDepth, cost };
  };
  const { depth, cost } = visit(operation.selectionSet, 0, new Set());
  return { depth, cost, aliases };
}

export function queryLimitsPlugin(limits: QueryLimits = DEFAULT_LIMITS): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
          const m = measure(operation, fragments, request.variables ?? {});
          const refuse = (what: string, value: number, max: number) =>
            graphQLError('QUERY_TOO_COMPLEX', `Query ${what} ${value} exceeds the maximum of ${max}`, { [what]: value, [`max${what[0]!.toUpperCase()}${what.slice(1)}`]: max, http: { status: 400 } });
          if (m.depth > limits.maxDepth) throw refuse('depth', m.depth, limits.maxDepth);
          if (m.aliases > limits.maxAliases) throw refuse('aliases', m.aliases, limits.maxAliases);
          if (m.cost > limits.maxCost) throw refuse('cost', m.cost, limits.maxCost);
        },
      };
    },
  };
}
