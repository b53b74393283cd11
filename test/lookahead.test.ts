/** The selection lookahead behind prefetching: what a resolver sees its children will ask for. */
import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { childFields, names, select, selectNodeFields } from '../src/resolvers/lookahead.ts';

const schema = buildSchema(`
  interface Node { id: ID! }
  type Tag implements Node { id: ID! name: String }
  type Ticket implements Node { id: ID! subject: String tags: [Tag!]! assignees: [User!]! }
  type User implements Node { id: ID! name: String teams: [String!]! }
  type Edge { cursor: String! node: Ticket! }
  type Conn { nodes: [Ticket!]! edges: [Edge!]! }
  union Entity = Ticket | User
  type Query { tickets: Conn! entities: [Entity]! }
`);

/** Runs `source` and returns the resolve info the root field's resolver got. */
function infoOf(source: string, variableValues: Record<string, unknown> = {}): GraphQLResolveInfo {
  let seen: GraphQLResolveInfo | undefined;
  // A function on the root value is called with (args, context, info) by the default resolver.
  const capture = (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
    seen = info;
    return null;
  };
  execute({ schema, document: parse(source), variableValues, rootValue: { tickets: capture, entities: capture } });
  return seen!;
}

describe('lookahead', () => {
  it('sees node fields through nodes, edges, aliases and nested named fragments', () => {
    const info = infoOf(`{ tickets { a: nodes { subject } edges { node { ...T } } } }
      fragment T on Ticket { ...U tags { id } } fragment U on Ticket { id }`);
    expect(names(selectNodeFields(info))).toEqual(new Set(['subject', 'id', 'tags']));
  });

  it('honours @skip and @include, with variables', () => {
    const info = infoOf(`query($no: Boolean!) { tickets { nodes { subject @include(if: $no) tags @skip(if: false) { id } id @skip(if: $no) } } }`, { no: false });
    expect(names(selectNodeFields(info))).toEqual(new Set(['tags', 'id']));
  });

  it('reads the selection under a child field', () => {
    const info = infoOf(`{ tickets { nodes { assignees { name ... on User { teams } } } } }`);
    expect(names(childFields(info, selectNodeFields(info), 'assignees'))).toEqual(new Set(['name', 'teams']));
  });

  it('with a type name, keeps only the fragments that apply to it (interfaces included)', () => {
    const info = infoOf(`{ entities { ... on Ticket { subject } ... on User { teams } ... on Node { id } } }`);
    expect(names(select(info, [], 'Ticket'))).toEqual(new Set(['subject', 'id']));
    expect(names(select(info, []))).toEqual(new Set(['subject', 'teams', 'id']));
  });
});
