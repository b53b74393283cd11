/** The README's GraphQL examples run as written against the sandbox. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY } from '../src/graphiql.ts';
import { startHarness, type Harness } from './harness.ts';

const blocks = [...readFileSync(new URL('../README.md', import.meta.url), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
const block = (needle: string) => blocks.find((b) => b.includes(needle))!;
/** A block may hold several operations; pick one by name. */
const operation = (source: string, name: string) => {
  const start = source.indexOf(`mutation ${name}`);
  const next = source.indexOf('\nmutation ', start + 1);
  return source.slice(start, next === -1 ? undefined : next);
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('README examples', () => {
  it('the example query (also GraphiQL’s default) returns tickets', async () => {
    expect(block('query RecentTickets').trim()).toBe(EXAMPLE_QUERY.split('\n').slice(1).join('\n').trim());
    const res = await h.gql(block('query RecentTickets'));
    expect(res.errors).toBeUndefined();
    expect(res.data!.tickets.nodes).toHaveLength(5);
  });

  it('the internal-note recipe', async () => {
    const res = await h.gql(block('Shopify order'));
    expect(res.data!.createComment.userErrors).toEqual([]);
  });

  it('the CSAT recipe closes, scores and tags', async () => {
    const res = await h.gql(block('mutation Csat'), { id: '44' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateTicket.userErrors).toEqual([]);
    expect(res.data!.updateTicket.ticket.status.category).toBe('CLOSED');
    expect(res.data!.updateTicket.ticket.customFields).toContainEqual({ identifier: 'csat_score', value: '5' });
    expect(res.data!.addTicketTags.ticket.tags).toContainEqual({ name: 'csat-5' });
  });

  it('the provisioning recipe', async () => {
    const source = block('mutation Provision');
    const created = await h.gql(operation(source, 'Provision'));
    const userId = created.data!.createUser.user.id;
    const teams = await h.gql(`{ teams { nodes { id } } }`);
    const joined = await h.gql(operation(source, 'Join'), { teamId: teams.data!.teams.nodes[0].id, userId });
    expect(joined.data!.addTeamMembers.userErrors).toEqual([]);
    expect(joined.data!.addTeamMembers.team.members.nodes).toContainEqual({ name: 'Nina Simone' });
  });
});
