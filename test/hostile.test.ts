/**
 * Hostile and malformed GraphQL requests: each gets a 4xx or a typed GraphQL error — never a 500,
 * a stack trace or a Dixa call it should not cause — and the server stays healthy.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import { Prng } from '../src/sandbox/prng.ts';
import { startHarness, type Harness } from './harness.ts';

const KNOWN = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'QUERY_TOO_COMPLEX', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'FORBIDDEN', 'UPSTREAM_UNAVAILABLE', 'UNAUTHENTICATED', 'RATE_LIMITED', 'OPERATION_RESOLUTION_FAILURE']);
const logLines: string[] = [];
let h: Harness;
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  h = await startHarness({ logger: createLogger('debug', sink) });
});
afterAll(() => h.close());

const nest = (depth: number) => `{ ${'tickets(first: 1) { nodes { contact { '.repeat(depth)}id${' } } }'.repeat(depth)} }`;

function hostileBodies(rng: Prng): Array<{ name: string; body: string; contentType?: string }> {
  const cases: Array<{ name: string; body: string; contentType?: string }> = [
    { name: 'truncated json', body: '{"query": "{ tickets { nodes { id } } }"' },
    { name: 'not json', body: 'query { tickets }' },
    { name: 'empty body', body: '' },
    { name: 'json array batch', body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) },
    { name: 'query is a number', body: JSON.stringify({ query: 123 }) },
    { name: 'variables is a string', body: JSON.stringify({ query: 'query($n: Int) { tickets(first: $n) { nodes { id } } }', variables: 'x' }) },
    { name: 'no query', body: JSON.stringify({ variables: {} }) },
    { name: 'text/plain', body: JSON.stringify({ query: '{ __typename }' }), contentType: 'text/plain' },
    { name: 'deep nesting', body: JSON.stringify({ query: nest(20) }) },
    { name: 'alias bomb', body: JSON.stringify({ query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(' ')} }` }) },
    { name: 'cost bomb', body: JSON.stringify({ query: '{ tickets(first: 100) { nodes { contact { tickets(first: 100) { nodes { comments(first: 100) { nodes { id } } } } } } } }' }) },
    { name: 'fragment cycle', body: JSON.stringify({ query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }) },
    { name: 'unknown field', body: JSON.stringify({ query: '{ tickets { nodes { password } } }' }) },
    { name: 'wrong variable type', body: JSON.stringify({ query: 'query($n: Int) { tickets(first: $n) { nodes { id } } }', variables: { n: 'many' } }) },
    { name: 'huge first', body: JSON.stringify({ query: '{ tickets(first: 1000000) { nodes { id } } }' }) },
    { name: 'negative first', body: JSON.stringify({ query: 'query($n: Int) { contacts(first: $n) { nodes { id } } }', variables: { n: -1 } }) },
    { name: 'unknown operation name', body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }) },
    { name: 'two anonymous operations', body: JSON.stringify({ query: '{ __typename } { __typename }' }) },
    { name: 'forged cursor', body: JSON.stringify({ query: '{ tickets(after: "\\u0000\\u0001") { nodes { id } } }' }) },
    { name: 'injection-ish id', body: JSON.stringify({ query: '{ ticket(id: "1/../../admin") { id } }' }) },
    { name: 'passthrough without admin', body: JSON.stringify({ query: 'mutation { dixaRequest(method: GET, path: "/v1/agents") }' }) },
    { name: 'oversized', body: JSON.stringify({ query: '{ __typename }', variables: { x: 'y'.repeat(300_000) } }) },
    { name: 'invalid email variable', body: JSON.stringify({ query: 'query($e: EmailAddress) { contacts(filter: { email: $e }) { nodes { id } } }', variables: { e: 'nope' } }) },
    { name: 'bad date variable', body: JSON.stringify({ query: 'query($d: DateTime) { tickets(filter: { createdAfter: $d }) { nodes { id } } }', variables: { d: 'yesterday' } }) },
  ];
  // Random garbage and random mutations of valid queries.
  const valid = '{ tickets(first: 3) { nodes { id subject contact { name } } } }';
  for (let i = 0; i < 120; i++) {
    const chars = valid.split('');
    for (let k = 0; k < 1 + rng.int(0, 4); k++) chars.splice(rng.int(0, chars.length - 1), 1, rng.pick(['{', '}', '(', ')', '"', '$', ':', '!', '@', '\u0000', '…', ' ']));
    cases.push({ name: `mutated query ${i}`, body: JSON.stringify({ query: chars.join('') }) });
  }
  for (let i = 0; i < 80; i++) {
    const bytes = Array.from({ length: rng.int(1, 200) }, () => String.fromCharCode(rng.int(0, 255))).join('');
    cases.push({ name: `garbage ${i}`, body: bytes });
  }
  for (let i = 0; i < 40; i++) {
    const first = rng.pick([-1, 0, 101, 1e9, 2.5, null, '"x"']);
    cases.push({ name: `variables ${i}`, body: JSON.stringify({ query: 'query($f: Int, $a: String) { tickets(first: $f, after: $a) { nodes { id } } }', variables: { f: first, a: rng.pick([null, 'abc', '', '\u0000', 'eyJ4IjoxfQ']) } }) });
  }
  return cases;
}

describe('hostile requests', () => {
  it('get a 4xx or a typed error, never a 500, a stack, or a wasted Dixa call', async () => {
    const cases = hostileBodies(new Prng(99));
    expect(cases.length).toBeGreaterThanOrEqual(250);
    h.sandbox.calls.reset();
    let typed = 0;
    for (const c of cases) {
      const res = await fetch(h.url, { method: 'POST', headers: { 'content-type': c.contentType ?? 'application/json' }, body: c.body });
      const text = await res.text();
      expect(res.status, c.name).toBeLessThan(500);
      expect(text, c.name).not.toMatch(/\n\s+at |stacktrace|node_modules/);
      const json = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }>; data?: unknown };
      if (res.status >= 400 || json.errors) {
        for (const e of json.errors ?? []) expect(KNOWN, `${c.name}: ${e.extensions?.code}`).toContain(e.extensions?.code);
        typed++;
      }
    }
    expect(typed).toBeGreaterThan(cases.length * 0.9);
    // only the valid-but-odd requests may reach Dixa; the bombs never do
    expect(h.sandbox.calls.count()).toBeLessThan(100);
  }, 60_000);

  it('the cost bomb is refused before any Dixa call, with the computed cost', async () => {
    h.sandbox.calls.reset();
    const res = await h.gql('{ tickets(first: 100) { nodes { contact { tickets(first: 100) { nodes { comments(first: 100) { nodes { id } } } } } } } }');
    expect(res.status).toBe(400);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 25_000 });
    expect(res.errors![0]!.extensions!.cost).toBeGreaterThan(1_000_000);
    expect(h.sandbox.calls.count()).toBe(0);
    const deep = await h.gql(nest(10));
    expect(deep.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', depth: 30, maxDepth: 12 });
  });

  it('the router’s _entities and introspection are never refused', async () => {
    const reps = Array.from({ length: 500 }, (_, i) => ({ __typename: 'Ticket', id: String((i % 20) + 1) }));
    const res = await h.gql('query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { id contact { tickets(first: 100) { nodes { comments(first: 100) { nodes { id } } } } } } } }', { r: reps.slice(0, 2) });
    expect(res.errors).toBeUndefined();
    const many = await h.gql('query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { id } } }', { r: reps });
    expect(many.data!._entities).toHaveLength(500);
    const introspection = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: (await import('graphql')).getIntrospectionQuery() }) });
    expect(introspection.status).toBe(200);
  });

  it('the server is healthy afterwards', async () => {
    expect((await fetch(new URL('/health', h.url))).status).toBe(200);
    const res = await h.gql('{ tickets(first: 2) { nodes { id } } }');
    expect(res.data!.tickets.nodes).toHaveLength(2);
  });
});

describe('secrets', () => {
  it('the Dixa token appears in no log line and no response, whatever happened', async () => {
    const token = h.sandbox.token;
    const responses: string[] = [];
    const send = async (query: string, variables?: Record<string, unknown>) => responses.push(JSON.stringify(await h.gql(query, variables)));
    await send('{ tickets(first: 5) { nodes { id contact { name } comments { nodes { body } } } } }');
    await send('{ ticket(id: "999999") { id } }');
    h.sandbox.faults.rules.push({ when: 'before', times: 2, action: { status: 500, body: JSON.stringify({ message: `internal: token ${token} rejected` }) } });
    await send('{ ticket(id: "2") { id } }');
    h.sandbox.faults.rules.push({ when: 'before', times: 1, action: { status: 400, body: JSON.stringify({ message: `bad header ${token}` }) } });
    await send('{ ticket(id: "3") { id } }');
    h.sandbox.faults.rules.push({ when: 'before', times: 2, action: 'malformed' });
    await send('{ ticket(id: "4") { id } }');
    await send('mutation { createComment(input: { ticketId: "5", body: "x", isPrivate: true }) { comment { id } } }');
    expect(responses.join('\n')).toContain('Dixa refused the request'); // the 400 echo was reported …
    expect(responses.join('\n')).toContain('[redacted]'); // … with the token masked
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.some((l) => l.includes('"dixa call"') || l.includes('dixa call'))).toBe(true);
    for (const text of [...responses, ...logLines]) expect(text).not.toContain(token);
  });
});
