/** The benchmark's queries and the floor of Dixa calls each needs (README "Calls per query"). */
import type { OrgState } from '../src/sandbox/seed.ts';

export interface BenchQuery {
  name: string;
  /** One or more operations run in sequence (the dashboard pages through 200 tickets). */
  run: Array<{ query: string; variables?: (previous: any) => Record<string, unknown> }>;
  /** Fewest Dixa calls the API allows, from the organisation's data. */
  floorCalls(org: OrgState): number;
  /** Dependent rounds of Dixa calls on the critical path, with unlimited parallelism. */
  depth: number;
}

/**
 * Which Dixa call needs the answer of which: B depends on A when B's template is listed under
 * A's (a conversation needs its id from search; its messages need the conversation …).
 */
const NEEDS: Record<string, string[]> = {
  // A search hit is a conversation id: enough for the conversation, its thread and its tags.
  'POST /v1/search/conversations': [
    'POST /v1/search/conversations', 'GET /v1/conversations/{id}', 'GET /v1/conversations/{id}/tags', 'GET /v1/conversations/{id}/messages', 'GET /v1/conversations/{id}/notes',
  ],
  'GET /v1/conversations/{id}': [
    'GET /v1/conversations/{id}/tags', 'GET /v1/conversations/{id}/messages', 'GET /v1/conversations/{id}/notes',
    'GET /v1/endusers/{id}', 'GET /v1/agents', 'GET /v1/agents/{id}', 'GET /v1/agents/{id}/teams', 'GET /v1/queues',
  ],
  'GET /v1/endusers/{id}': ['GET /v1/endusers/{id}/conversations'],
  'GET /v1/endusers/{id}/conversations': ['GET /v1/endusers/{id}/conversations', 'GET /v1/conversations/{id}/messages', 'GET /v1/conversations/{id}/notes'],
  'GET /v1/conversations/{id}/messages': ['GET /v1/agents', 'GET /v1/agents/{id}'],
  'GET /v1/conversations/{id}/notes': ['GET /v1/agents', 'GET /v1/agents/{id}'],
};

export interface LoggedCall {
  template: string;
  startedAt: number;
  endedAt: number;
}

/** For each call (in start order), the calls it needed: NEEDS-parents that had ended when it started. */
export function parentsOf<C extends LoggedCall>(calls: C[]): Array<{ call: C; parents: number[] }> {
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  return sorted.map((call, i) => ({
    call,
    parents: sorted.flatMap((prev, j) => (j < i && prev.endedAt <= call.startedAt && NEEDS[prev.template]?.includes(call.template) ? [j] : [])),
  }));
}

/**
 * The critical path through the calls actually made, from the sandbox's call log: the heaviest
 * chain of calls each of which needed the one before (by NEEDS) and started after it ended,
 * weighed by how long Dixa took on each. What the subgraph adds beyond it is its own overhead.
 */
export function criticalPathMs(calls: LoggedCall[]): number {
  const best: number[] = [];
  for (const { call, parents } of parentsOf(calls)) best.push(Math.max(0, ...parents.map((j) => best[j]!)) + (call.endedAt - call.startedAt));
  return Math.max(0, ...best);
}

const newest = (org: OrgState, n: number, skip = 0) => [...org.conversations.values()].sort((a, b) => b.id - a.id).slice(skip, skip + n);
const distinct = <T>(values: T[]) => new Set(values).size;

export const REFERENCE_QUERY = `{ tickets(first: 50) { nodes { id subject status { id category } channel
  contact { id name email } assignees { id name } collection { id name } tags { id name }
  comments(first: 5) { nodes { id body isPrivate createdAt } pageInfo { hasNextPage } } } pageInfo { hasNextPage endCursor } } }`;

export function referenceFloor(org: OrgState): number {
  const convs = newest(org, 50);
  return 1 + 50 * 4 + distinct(convs.map((c) => c.requesterId)) + (convs.some((c) => c.assignment) ? Math.ceil(org.agents.size / 100) : 0) + (convs.some((c) => c.queue) ? 1 : 0);
}

const DASHBOARD = `query($after: String) { tickets(first: 100, after: $after) { nodes { id status { name category } createdAt assignees { name teams { name } } } pageInfo { endCursor } } }`;

export function benchQueries(emails: string[], contactId: string): BenchQuery[] {
  return [
    // search → conversations → everything that hangs off them
    { name: 'reference: 50 tickets × contact, assignees, queue, tags, 5 comments', run: [{ query: REFERENCE_QUERY }], floorCalls: referenceFloor, depth: 3 },
    {
      name: 'dashboard: 200 tickets × status, assignee, teams (2 pages)',
      run: [{ query: DASHBOARD }, { query: DASHBOARD, variables: (previous) => ({ after: previous.data.tickets.pageInfo.endCursor }) }],
      floorCalls: (org) =>
        [0, 100].reduce((sum, skip) => {
          const assignees = distinct(newest(org, 100, skip).flatMap((c) => (c.assignment ? [c.assignment.agentId] : [])));
          // per page: 2 search pages of 50, 100 conversations, the agent list, each assignee's teams, the team list
          return sum + 2 + 100 + (assignees ? 1 + assignees + 1 : 0);
        }, 0),
      // per page: search, search (needs the first page's key), conversations, each assignee's teams
      depth: 4,
    },
    {
      name: '_entities: 100 Contacts by email',
      run: [
        {
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Contact { id name email } } }`,
          variables: () => ({ r: emails.slice(0, 100).map((email) => ({ __typename: 'Contact', email })) }),
        },
      ],
      floorCalls: () => distinct(emails.slice(0, 100).map((e) => e.toLowerCase())),
      depth: 1,
    },
    {
      name: 'deep: contact → 20 tickets → 10 comments → author',
      run: [
        {
          query: `query($id: ID!) { contact(id: $id) { name tickets(first: 20) { nodes { id comments(first: 10) { nodes { body author { ... on User { name } ... on Contact { name } } } } } } } }`,
          variables: () => ({ id: contactId }),
        },
      ],
      floorCalls: (org) => {
        const convs = [...org.conversations.values()].filter((c) => c.requesterId === contactId).slice(0, 20);
        // the contact, its conversation page, messages + notes of each, the agent list for agent authors
        return 1 + 1 + convs.length * 2 + 1;
      },
      // the contact with its conversations (prefetched) → messages and notes → agent authors
      depth: 3,
    },
  ];
}
