/** One small SQL interface over PostgreSQL (pg) and the embedded PGlite: the store's SQL runs on both. */
import { mkdirSync } from 'node:fs';
import pg from 'pg';

export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export function postgres(connectionString: string): Sql {
  const pool = new pg.Pool({ connectionString, max: 5 });
  return {
    async query<R>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as R[];
    },
    close: () => pool.end(),
  };
}

/** PGlite (Postgres compiled to WASM) persisted under `dir`: no set-up, same SQL. */
export async function embedded(dir: string): Promise<Sql> {
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dir);
  return {
    async query<R>(text: string, params: unknown[] = []) {
      return (await db.query<R>(text, params)).rows;
    },
    close: () => db.close(),
  };
}
