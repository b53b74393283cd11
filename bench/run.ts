/**
 * `npm run bench`: Dixa calls and latency against the naive baseline and the theoretical floor,
 * throughput against a bare Apollo Server, and memory while streaming 100,000 conversations.
 * `npm run bench -- --quick`: the reference query's call count against bench/budget.json only.
 * Everything runs on loopback; results go to bench/results/ (not committed).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { DixaClient, createDixaPool } from '../src/dixa/client.ts';
import { createLogger } from '../src/logger.ts';
import { createSandbox } from '../src/sandbox/server.ts';
import { seedOrganisation } from '../src/sandbox/seed.ts';
import { createServer } from '../src/server.ts';
import { naiveResolvers } from './naive.ts';
import { benchQueries, criticalPathMs, REFERENCE_QUERY, referenceFloor, type BenchQuery } from './queries.ts';
import { replay, type ReplayCall } from './replay.ts';

const quick = process.argv.includes('--quick');
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
/** `--latency N`: ms the sandbox adds to every Dixa call (20 by default; Dixa itself is slower). */
const LATENCY_MS = Number(arg('--latency') ?? 20);
const RUNS = quick ? 1 : 15; // medians of many: this 2-core VM's timings are noisy
const logger = createLogger('silent');
const report: Record<string, unknown> = { date: new Date().toISOString(), quick, latencyMs: LATENCY_MS };
const lines: string[] = [];
const out = (line = '') => {
  lines.push(line);
  console.log(line);
};

function table(headers: string[], rows: Array<Array<string | number>>) {
  out(`| ${headers.join(' | ')} |`);
  out(`|${headers.map(() => '---').join('|')}|`);
  for (const row of rows) out(`| ${row.join(' | ')} |`);
  out();
}

/** A sandbox in its own process (its CPU is not the subgraph's), reached over loopback. */
async function childSandbox(env: Record<string, string>): Promise<{ url: string; token: string; calls(): Promise<ReplayCall[]>; reset(): Promise<void>; stop(): void }> {
  const port = 4600 + Math.floor(Math.random() * 300);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], { env: { ...process.env, ...env, SANDBOX_PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('Dixa sandbox on') && resolve()));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    token: 'sandbox-token',
    calls: async () => ((await (await fetch(`${url}/_sandbox/calls`)).json()) as { calls: ReplayCall[] }).calls,
    reset: async () => void (await fetch(`${url}/_sandbox/reset-calls`, { method: 'POST' })),
    stop: () => void child.kill(),
  };
}

async function subgraph(sandbox: { url: string; token: string }, naive = false) {
  const dixa = new DixaClient({ baseUrl: sandbox.url, token: sandbox.token, pool: createDixaPool(sandbox.url, { connections: 256 }) });
  // The per-request concurrency bound protects Dixa's rate limit; with the limiter out of the way
  // (as here) it is raised too, so the latency figures measure batching, not our own throttle.
  const server = await createServer({ dixa, logger, concurrency: 256, ...(naive ? { resolvers: naiveResolvers } : {}) });
  return server.listen(0, '127.0.0.1');
}

async function post(url: string, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const json = (await res.json()) as { errors?: unknown[] };
  if (json.errors) throw new Error(`bench query failed: ${JSON.stringify(json.errors).slice(0, 300)}`);
  return json;
}

/**
 * Runs a query's operations in sequence; returns wall time, Dixa calls, their critical path and,
 * with `replayPool`, how long a bare client takes to make the same calls (bench/replay.ts).
 */
async function measure(sandbox: Awaited<ReturnType<typeof childSandbox>>, url: string, q: BenchQuery, replayPool?: Pool) {
  let ms = 0;
  let calls = 0;
  let critical = 0;
  let replayed = 0;
  let previous: unknown = null;
  for (const op of q.run) {
    await sandbox.reset();
    const started = performance.now();
    previous = await post(url, op.query, op.variables?.(previous));
    ms += performance.now() - started;
    const log = await sandbox.calls();
    calls += log.length;
    critical += criticalPathMs(log);
    if (replayPool) replayed += await replay(replayPool, sandbox.token, log);
  }
  return { ms, calls, critical, replayed };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : '—');

async function upstream() {
  const seed = { conversations: 600, endUsers: 200 };
  const sandbox = await childSandbox({ SANDBOX_CONVERSATIONS: String(seed.conversations), SANDBOX_END_USERS: String(seed.endUsers), SANDBOX_LATENCY_MS: String(LATENCY_MS) });
  const org = seedOrganisation(seed); // the same deterministic data the child serves, for the floors
  const emails = [...org.endUsers.values()].map((u) => u.email!).slice(0, 100);
  const busiest = [...Map.groupBy(org.conversations.values(), (c) => c.requesterId)].sort((a, b) => b[1].length - a[1].length)[0]![0];
  const queries = benchQueries(emails, busiest);
  const real = await subgraph(sandbox);
  const naive = await subgraph(sandbox, true);
  const replayPool = new Pool(sandbox.url, { connections: 256 });
  const rows: Array<Array<string | number>> = [];
  const results = [];
  for (const q of queries) {
    const runs = { real: [] as number[], naive: [] as number[], critical: [] as number[], replay: [] as number[] };
    let calls = { real: 0, naive: 0 };
    for (let i = 0; i < 3; i++) {
      // warm-up (JIT, connections) for all three
      await measure(sandbox, real.url, q, replayPool);
      await measure(sandbox, naive.url, q);
    }
    for (let i = 0; i < RUNS; i++) {
      const r = await measure(sandbox, real.url, q, replayPool);
      const n = await measure(sandbox, naive.url, q);
      runs.real.push(r.ms);
      runs.naive.push(n.ms);
      runs.critical.push(r.critical);
      runs.replay.push(r.replayed);
      calls = { real: r.calls, naive: n.calls };
    }
    const floor = { calls: q.floorCalls(org), ms: median(runs.critical), replayMs: median(runs.replay), idealMs: q.depth * LATENCY_MS * q.run.length };
    const real50 = median(runs.real);
    const naive50 = median(runs.naive);
    results.push({ name: q.name, calls, floor, latency: { real: real50, naive: naive50 } });
    rows.push([
      q.name, calls.real, calls.naive, floor.calls, ratio(calls.real, floor.calls), ratio(calls.real, calls.naive),
      real50.toFixed(0), naive50.toFixed(0), floor.ms.toFixed(0), ratio(real50, floor.ms), ratio(real50, naive50),
      floor.replayMs.toFixed(0), ratio(real50, floor.replayMs), ratio(floor.replayMs, floor.ms), floor.idealMs,
    ]);
  }
  await replayPool.close();
  out(`## Dixa calls and latency (${LATENCY_MS} ms per Dixa call, median of ${RUNS})`);
  out();
  out('floor ms: the critical path of the calls made, weighed by the time Dixa (the sandbox) took on each, from its call log;');
  out('replay ms: the same calls made by a bare undici client in dependency rounds (no GraphQL), i.e. what the calls alone cost here;');
  out(`ideal ms: dependency depth × ${LATENCY_MS} ms, as if serving a call cost no CPU.`);
  out();
  table(
    ['query', 'calls', 'naive calls', 'floor calls', 'calls/floor', 'calls/naive', 'ms', 'naive ms', 'floor ms', 'ms/floor', 'ms/naive', 'replay ms', 'ms/replay', 'replay/floor', 'ideal ms'],
    rows,
  );
  report.upstream = results;
  await real.close();
  await naive.close();
  sandbox.stop();
}

async function throughput() {
  const sandbox = await createSandbox();
  const real = await subgraph(sandbox);
  const query = '{ ticketStatuses { nodes { id name category } } ticketTypes(first: 20) { nodes { id name } } }';
  const data = (await post(real.url, query)) as { data: unknown };
  const bare = new ApolloServer({
    typeDefs: `type S { id: ID! name: String! category: String } type T { id: ID! name: String! }
      type SC { nodes: [S!]! } type TC { nodes: [T!]! } type Query { ticketStatuses: SC! ticketTypes(first: Int): TC! }`,
    resolvers: { Query: { ticketStatuses: () => (data.data as any).ticketStatuses, ticketTypes: () => (data.data as any).ticketTypes } },
  });
  const { url: bareUrl } = await startStandaloneServer(bare, { listen: { port: 0, host: '127.0.0.1' } });
  const load = async (url: string) => {
    const result = await autocannon({ url, method: 'POST', connections: 20, duration: 8, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
  };
  await load(real.url); // warm-up (JIT)
  const r = await load(real.url);
  const b = await load(bareUrl);
  out('## Throughput: a query with no Dixa call, vs a bare Apollo Server with the same data (20 connections, 8 s)');
  out();
  table(['server', 'req/s', 'p50 ms', 'p99 ms', 'errors'], [
    ['dixa-subgraph', r.rps.toFixed(0), r.p50, r.p99, r.errors],
    ['bare Apollo Server', b.rps.toFixed(0), b.p50, b.p99, b.errors],
    ['ratio', ratio(r.rps, b.rps), ratio(r.p50, b.p50), ratio(r.p99, b.p99), ''],
  ]);
  report.throughput = { subgraph: r, bare: b, ratio: r.rps / b.rps };
  await bare.stop();
  await real.close();
  await sandbox.close();
}

async function memory() {
  const child = await childSandbox({ SANDBOX_CONVERSATIONS: '100000', SANDBOX_END_USERS: '2000' });
  const url = child.url;
  const dixa = new DixaClient({ baseUrl: url, token: 'sandbox-token', pool: createDixaPool(url, { connections: 64 }) });
  const server = await createServer({ dixa, logger, concurrency: 32 });
  const running = await server.listen(0, '127.0.0.1');
  const samples: Array<{ seen: number; rssMb: number; heapMb: number }> = [];
  let after: string | null = null;
  let seen = 0;
  const started = performance.now();
  do {
    const res = (await post(running.url, 'query($a: String) { tickets(first: 100, after: $a) { nodes { id status { category } createdAt } pageInfo { hasNextPage endCursor } } }', { a: after })) as any;
    seen += res.data.tickets.nodes.length;
    after = res.data.tickets.pageInfo.hasNextPage ? res.data.tickets.pageInfo.endCursor : null;
    if (seen % 5000 === 0) {
      // The live heap after a full collection (npm run bench passes --expose-gc): what a leak would grow.
      globalThis.gc?.();
      samples.push({ seen, rssMb: process.memoryUsage.rss() / 2 ** 20, heapMb: process.memoryUsage().heapUsed / 2 ** 20 });
    }
  } while (after);
  const seconds = (performance.now() - started) / 1000;
  await running.close();
  child.stop();
  // V8 grows its heap during the first tens of thousands; flat means no growth once warmed up.
  const band = (from: number, of: (s: (typeof samples)[number]) => number = (s) => s.rssMb) => {
    const part = samples.filter((s) => s.seen >= from).map(of);
    return Math.max(...part) - Math.min(...part);
  };
  const growth = band(seen / 2);
  const total = band(0);
  const heapGrowth = band(seen / 2, (s) => s.heapMb);
  out(`## Memory: streaming ${seen.toLocaleString()} conversations page by page, each loaded (${seconds.toFixed(0)} s; sandbox in another process)`);
  out();
  table(['conversations read', 'RSS MB', 'heap after GC MB'], samples.filter((_, i) => i % 2 === 1 || i === 0).map((s) => [s.seen, s.rssMb.toFixed(1), s.heapMb.toFixed(1)]));
  out(`RSS band over the second half: ${growth.toFixed(1)} MB (goal: flat within 20 MB); whole run, warm-up included: ${total.toFixed(1)} MB; live heap band over the second half: ${heapGrowth.toFixed(1)} MB`);
  out();
  report.memory = { seen, seconds, samples, secondHalfBandMb: growth, wholeRunBandMb: total, heapSecondHalfBandMb: heapGrowth };
}

async function budgetCheck() {
  const budget = JSON.parse(readFileSync(new URL('./budget.json', import.meta.url), 'utf8')) as { referenceQueryCalls: number };
  const sandbox = await createSandbox();
  const real = await subgraph(sandbox);
  sandbox.calls.reset();
  await post(real.url, REFERENCE_QUERY);
  const calls = sandbox.calls.count();
  const floor = referenceFloor(sandbox.orgs.get(sandbox.token)!);
  await real.close();
  await sandbox.close();
  out(`reference query: ${calls} Dixa calls (floor ${floor}, budget ${budget.referenceQueryCalls})`);
  report.budget = { calls, floor, budget: budget.referenceQueryCalls };
  return calls <= budget.referenceQueryCalls;
}

const withinBudget = await budgetCheck();
/** `--only upstream|throughput|memory`: one part of the full run. */
const only = arg('--only') ?? null;
if (!quick) {
  out();
  if (!only || only === 'upstream') await upstream();
  if (!only || only === 'throughput') await throughput();
  if (!only || only === 'memory') await memory();
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
writeFileSync(new URL(`./results/bench-${stamp}.json`, import.meta.url), JSON.stringify(report, null, 2));
writeFileSync(new URL(`./results/bench-${stamp}.md`, import.meta.url), lines.join('\n'));
if (!withinBudget) {
  console.error('FAIL: the reference query makes more Dixa calls than bench/budget.json allows');
  process.exit(1);
}
process.exit(0);
