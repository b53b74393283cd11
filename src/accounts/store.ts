/**
 * Linked Dixa accounts: id, name and the API token sealed with the keyring. Embedded by default
 * (PGlite under .data/), PostgreSQL when DATABASE_URL is set; migrations run at start-up.
 */
import { randomUUID } from 'node:crypto';
import type { Keyring } from './crypto.ts';
import type { Sql } from './sql.ts';
import { migrate } from '../db/migrate.ts';

export interface Account {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS accounts (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     token_sealed TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
   )`,
];

interface Row {
  id: string;
  name: string;
  token_sealed: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const toAccount = (row: Row): Account => ({
  id: row.id,
  name: row.name,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

export class AccountStore {
  constructor(
    private readonly sql: Sql,
    private readonly keyring: Keyring,
  ) {}

  migrate(): Promise<void> {
    return migrate(this.sql, 'accounts', MIGRATIONS);
  }

  async ping(): Promise<void> {
    await this.sql.query('SELECT 1');
  }

  async link(name: string, token: string): Promise<Account> {
    const [row] = await this.sql.query<Row>('INSERT INTO accounts (id, name, token_sealed) VALUES ($1, $2, $3) RETURNING *', [randomUUID(), name, this.keyring.encrypt(token)]);
    return toAccount(row!);
  }

  async list(): Promise<Account[]> {
    return (await this.sql.query<Row>('SELECT * FROM accounts ORDER BY created_at, id')).map(toAccount);
  }

  async get(id: string): Promise<Account | null> {
    const [row] = await this.sql.query<Row>('SELECT * FROM accounts WHERE id = $1', [id]);
    return row ? toAccount(row) : null;
  }

  /** The decrypted token of an account, or null when there is no such account. */
  async token(id: string): Promise<string | null> {
    const [row] = await this.sql.query<Row>('SELECT token_sealed FROM accounts WHERE id = $1', [id]);
    return row ? this.keyring.decrypt(row.token_sealed) : null;
  }

  async rotateToken(id: string, token: string): Promise<Account | null> {
    const [row] = await this.sql.query<Row>('UPDATE accounts SET token_sealed = $2, updated_at = now() WHERE id = $1 RETURNING *', [id, this.keyring.encrypt(token)]);
    return row ? toAccount(row) : null;
  }

  /** Deletes the account and its sealed token. */
  async unlink(id: string): Promise<boolean> {
    return (await this.sql.query('DELETE FROM accounts WHERE id = $1 RETURNING id', [id])).length > 0;
  }

  /** Re-seals every token with the primary key (key rotation); returns how many changed. */
  async reencrypt(): Promise<number> {
    const rows = await this.sql.query<Row>('SELECT id, token_sealed FROM accounts');
    let changed = 0;
    for (const row of rows) {
      if (this.keyring.keyIdOf(row.token_sealed) === this.keyring.primaryKeyId) continue;
      const sealed = this.keyring.encrypt(this.keyring.decrypt(row.token_sealed));
      await this.sql.query('UPDATE accounts SET token_sealed = $2, updated_at = now() WHERE id = $1 AND token_sealed = $3', [row.id, sealed, row.token_sealed]);
      changed++;
    }
    return changed;
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}
