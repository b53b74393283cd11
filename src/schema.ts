/** The subgraph schema: SDL from schema/*.graphql plus the resolvers, built for Federation 2. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import type { Resolvers } from './generated/graphql.ts';
import { resolvers as defaultResolvers } from './resolvers/index.ts';

const SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

export function loadTypeDefs() {
  const files = readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  return parse(files.map((f) => readFileSync(SCHEMA_DIR + f, 'utf8')).join('\n'));
}

export function buildSchema(resolvers: Resolvers = defaultResolvers): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: loadTypeDefs(), resolvers: resolvers as GraphQLResolverMap<unknown> }]);
}
