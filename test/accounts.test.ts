/**
 * Linked accounts: the same suite against the embedded store (PGlite) and the PostgreSQL running
 * on this machine (a throwaway database per run). Two sandbox organisations prove isolation.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../src/accounts/crypto.ts';
import { embedded, postgres, type Sql } from '../src/accounts/sql.ts';
import { AccountStore } from '../src/accounts/store.ts';
import { multiAccount } from '../src/accounts/tenancy.ts';
import { createDixaPool } from '../src/dixa/client.ts';
import { createLogger } from '../src/logger.ts';
import { createSandbox, type Sandbox } from '../src/sandbox/server.ts';
import { createServer } from '../src/server.ts';

const PG_ADMIN = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOKEN_A = 'org-a-token-aaaaaaaa';
const TOKEN_A2 = 'org-a-token-rotated-2';
const TOKEN_B = 'org-b-token-bbbbbbbb';
const ADMIN = 'admin-key-0123456789abcdef';
const KEY_1 = randomBytes(32).toString('base64');
const KEY_2 = randomBytes(32).toString('base64');

interface Backend {
  name: string;
  open(): Promise<Sql>;
  cleanup(): Promise<void>;
}

function embeddedBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'dixa-accounts-'));
  return { name: 'embedded (PGlite)', open: () => embedded(dir), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

function postgresBackend(): Backend {
  const db = `dixa_test_${randomBytes(6).toString('hex')}`;
  const admin = () => new pg.Client({ connectionString: PG_ADMIN });
  let created = false;
  return {
    name: 'PostgreSQL',
    async open() {
      if (!created) {
        const c = admin();
        await c.connect();
        await c.query(`CREATE DATABASE ${db}`);
        await c.end();
        created = true;
      }
      return postgres(PG_ADMIN.replace(/\/[^/]*$/, `/${db}`));
    },
    async cleanup() {
      const c = admin();
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
    },
  };
}

describe.each([embeddedBackend, postgresBackend])('linked accounts', (makeBackend) => {
  const backend = makeBackend();
  let sandbox: Sandbox;
  let sql: Sql;
  let store: AccountStore;
  let url: string;
  let stop: () => Promise<void>;

  async function start(keys: string) {
    sql = await backend.open();
    store = new AccountStore(sql, new Keyring(keys));
    await store.migrate();
    const pool = createDixaPool(sandbox.url);
    const tenancy = multiAccount({ store, baseUrl: sandbox.url, pool, client: { retry: { maxAttempts: 1 } } });
    const server = await createServer({ tenancy, accounts: { store, baseUrl: sandbox.url, pool }, adminKey: ADMIN, logger: createLogger('silent') });
    const running = await server.listen(0, '127.0.0.1');
    url = running.url;
    stop = async () => {
      await running.close();
      await store.close();
    };
  }

  const admin = (method: string, path: string, body?: unknown, key = ADMIN) =>
    fetch(new URL(path, url), { method, headers: { 'content-type': 'application/json', 'x-admin-key': key }, body: body === undefined ? undefined : JSON.stringify(body) });
  const gql = async (query: string, account?: string, variables?: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(account ? { 'x-dixa-account': account } : {}) }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
  };

  let accountA = '';
  let accountB = '';

  beforeAll(async () => {
    sandbox = await createSandbox({
      organisations: [
        { token: TOKEN_A, aliases: [TOKEN_A2], seed: { seed: 1 } },
        { token: TOKEN_B, seed: { seed: 2 } },
      ],
    });
    await start(KEY_1);
  }, 60_000);
  afterAll(async () => {
    await stop();
    await sandbox.close();
    await backend.cleanup();
  });

  it(`${backend.name}: the admin API needs the admin key and verifies tokens with Dixa before storing`, async () => {
    expect((await admin('GET', '/admin/accounts', undefined, 'wrong')).status).toBe(401);
    const bad = await admin('POST', '/admin/accounts', { name: 'Bad', token: 'not-a-dixa-token' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('INVALID_TOKEN');
    expect(await store.list()).toEqual([]);

    const a = await admin('POST', '/admin/accounts', { name: 'Acme', token: TOKEN_A });
    const b = await admin('POST', '/admin/accounts', { name: 'Globex', token: TOKEN_B });
    expect(a.status).toBe(201);
    const aText = await a.text();
    expect(aText).not.toContain(TOKEN_A);
    accountA = JSON.parse(aText).account.id;
    accountB = ((await b.json()) as any).account.id;
    const list = await (await admin('GET', '/admin/accounts')).text();
    expect(JSON.parse(list).accounts.map((x: any) => x.name)).toEqual(['Acme', 'Globex']);
    expect(list).not.toContain(TOKEN_A);
    expect(list).not.toContain(TOKEN_B);
  });

  it(`${backend.name}: stored rows hold no plaintext token`, async () => {
    const rows = await sql.query('SELECT * FROM accounts');
    expect(rows).toHaveLength(2);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(TOKEN_A);
    expect(dump).not.toContain(TOKEN_B);
    expect(dump).not.toContain(Buffer.from(TOKEN_A).toString('base64'));
  });

  it(`${backend.name}: each request acts for the account in x-dixa-account, and only for it`, async () => {
    const agentsA = await gql('{ users(first: 100) { nodes { id email } } }', accountA);
    const agentsB = await gql('{ users(first: 100) { nodes { id email } } }', accountB);
    const orgA = [...sandbox.orgs.get(TOKEN_A)!.agents.keys()];
    const orgB = [...sandbox.orgs.get(TOKEN_B)!.agents.keys()];
    expect(agentsA.data.users.nodes.map((u: any) => u.id)).toEqual(orgA);
    expect(agentsB.data.users.nodes.map((u: any) => u.id)).toEqual(orgB);

    // cross-reads are refused: B's contact does not exist for A
    const contactB = [...sandbox.orgs.get(TOKEN_B)!.endUsers.keys()][0]!;
    sandbox.calls.reset();
    const cross = await gql('query($id: ID!) { contact(id: $id) { id } }', accountA, { id: contactB });
    expect(cross.errors![0].extensions.code).toBe('NOT_FOUND');
    expect(sandbox.calls.list().every((c) => c.org === 0)).toBe(true);
  });

  it(`${backend.name}: a missing or unknown account is UNAUTHENTICATED`, async () => {
    const missing = await gql('{ tickets(first: 1) { nodes { id } } }');
    expect(missing.status).toBe(401);
    expect(missing.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const unknown = await gql('{ tickets(first: 1) { nodes { id } } }', '00000000-0000-0000-0000-000000000000');
    expect(unknown.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it(`${backend.name}: a token is rotated (verified first) and an account unlinked`, async () => {
    expect((await admin('PUT', `/admin/accounts/${accountA}/token`, { token: 'wrong-token-123' })).status).toBe(400);
    const rotated = await admin('PUT', `/admin/accounts/${accountA}/token`, { token: TOKEN_A2 });
    expect(rotated.status).toBe(200);
    expect(await store.token(accountA)).toBe(TOKEN_A2);
    sandbox.calls.reset();
    expect((await gql('{ ticket(id: "1") { id } }', accountA)).data.ticket).toEqual({ id: '1' });

    const tmp = ((await (await admin('POST', '/admin/accounts', { name: 'Temp', token: TOKEN_B })).json()) as any).account.id;
    expect((await admin('DELETE', `/admin/accounts/${tmp}`)).status).toBe(204);
    expect(await sql.query('SELECT id FROM accounts WHERE id = $1', [tmp])).toEqual([]);
    expect((await gql('{ ticket(id: "1") { id } }', tmp)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await admin('DELETE', `/admin/accounts/${tmp}`)).status).toBe(404);
  });

  it(`${backend.name}: accounts survive a restart, and the encryption key rotates`, async () => {
    await stop();
    // restart with a new primary key; the old one still decrypts
    await start(`${KEY_2},${KEY_1}`);
    expect((await store.list()).map((a) => a.name)).toEqual(['Acme', 'Globex']);
    expect((await gql('{ ticket(id: "2") { id } }', accountB)).data.ticket).toEqual({ id: '2' });
    const res = await admin('POST', '/admin/rotate-key');
    expect(await res.json()).toEqual({ reencrypted: 2 });
    await stop();
    // the old key is gone: every token must now be readable with the new one alone
    await start(KEY_2);
    expect(await store.token(accountB)).toBe(TOKEN_B);
    expect((await gql('{ ticket(id: "3") { id } }', accountA)).data.ticket).toEqual({ id: '3' });
    expect((await fetch(new URL('/ready', url))).status).toBe(200);
  }, 60_000);
});

describe('router secret', () => {
  it('when set, /graphql answers only requests that carry it', async () => {
    const sandbox = await createSandbox();
    const { DixaClient } = await import('../src/dixa/client.ts');
    const server = await createServer({ dixa: new DixaClient({ baseUrl: sandbox.url, token: sandbox.token }), routerSecret: 'router-secret-xyz', logger: createLogger('silent') });
    const running = await server.listen(0, '127.0.0.1');
    try {
      const ask = (headers: Record<string, string>) => fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query":"{ __typename }"}' });
      expect((await ask({})).status).toBe(401);
      expect((await ask({ 'x-router-secret': 'nope' })).status).toBe(401);
      expect((await ask({ 'x-router-secret': 'router-secret-xyz' })).status).toBe(200);
      // GET queries are guarded too
      expect((await fetch(`${running.url}?query=%7B__typename%7D`, { headers: { 'apollo-require-preflight': 'true' } })).status).toBe(401);
    } finally {
      await running.close();
      await sandbox.close();
    }
  });
});
