/** Versioned migrations per module, applied in order, each once (tracked in schema_migrations). */
import type { Sql } from '../accounts/sql.ts';

export async function migrate(sql: Sql, module: string, statements: readonly string[]): Promise<void> {
  await sql.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (module, version))',
  );
  const done = new Set((await sql.query<{ version: number }>('SELECT version FROM schema_migrations WHERE module = $1', [module])).map((r) => Number(r.version)));
  for (const [i, statement] of statements.entries()) {
    if (done.has(i + 1)) continue;
    await sql.query(statement);
    await sql.query('INSERT INTO schema_migrations (module, version) VALUES ($1, $2) ON CONFLICT DO NOTHING', [module, i + 1]);
  }
}
