/** The HTTP surface: health, readiness, and GraphiQL served offline by the subgraph itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('HTTP surface', () => {
  it('GET /health and /ready', async () => {
    const health = await fetch(new URL('/health', h.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(new URL('/ready', h.url))).status).toBe(200);
  });

  it('GET /metrics exposes operations and Dixa calls in Prometheus format, without ids or tokens', async () => {
    await h.gql('{ ticket(id: "3") { id contact { name } } }');
    const res = await fetch(new URL('/metrics', h.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/graphql_operations_total\{outcome="ok"\} [1-9]/);
    expect(text).toContain('dixa_calls_total{template="GET /v1/conversations/{id}",status="200"}');
    expect(text).toContain('dixa_call_duration_seconds_bucket');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).not.toContain(h.sandbox.token);
    expect(text).not.toMatch(/conversations\/3/);
  });

  it('GET /graphql from a browser serves GraphiQL with every asset local', async () => {
    const res = await fetch(h.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset.startsWith('/')).toBe(true); // no CDN: same origin only
      const served = await fetch(new URL(asset, h.url));
      expect(served.status).toBe(200);
      expect((await served.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect(html).toContain('RecentTickets');
  });

  it('GET /graphql?query= still executes queries for non-browser clients', async () => {
    const url = new URL(h.url);
    url.searchParams.set('query', '{ __typename }');
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
