/**
 * The replay floor: the calls the subgraph made, replayed by a bare undici client that knows
 * the answers' dependencies in advance (no GraphQL, no validation, no mapping): each call goes
 * out as soon as the calls it needed in the log (by NEEDS, ended before it started) are answered.
 * What it takes is what making these calls costs on this machine, whoever makes them.
 */
import { Pool } from 'undici';
import { SEARCH_ALL_BODY } from '../src/dixa/assumptions.ts';
import { parentsOf, type LoggedCall } from './queries.ts';

export interface ReplayCall extends LoggedCall {
  method: string;
  path: string;
  query: Record<string, string>;
}

export async function replay(pool: Pool, token: string, calls: ReplayCall[]): Promise<number> {
  const send = async (call: ReplayCall) => {
    if (call.method !== 'GET' && call.template !== 'POST /v1/search/conversations') throw new Error(`replay: unexpected write ${call.template}`);
    const search = new URLSearchParams(call.query).toString();
    const res = await pool.request({
      path: call.path + (search ? `?${search}` : ''),
      method: call.method as 'GET' | 'POST',
      headers: { authorization: token, accept: 'application/json', ...(call.method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      body: call.method === 'POST' ? JSON.stringify(SEARCH_ALL_BODY) : undefined,
    });
    JSON.parse(await res.body.text());
  };
  const started = performance.now();
  const done: Array<Promise<void>> = [];
  for (const { call, parents } of parentsOf(calls)) {
    done.push(parents.length ? Promise.all(parents.map((j) => done[j]!)).then(() => send(call)) : send(call));
  }
  await Promise.all(done);
  return performance.now() - started;
}
