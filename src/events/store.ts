/**
 * Durable ticket events, Dixa webhook subscriptions, push consumers and their deliveries, in the
 * same database as linked accounts (embedded PGlite by default, PostgreSQL with DATABASE_URL).
 * Events are idempotent on (account, Dixa event_id); `seq` orders them for cursors.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../accounts/sql.ts';
import { migrate } from '../db/migrate.ts';
import type { NormalisedEvent, TicketEventTypeValue } from '../mapping/events.ts';

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS ticket_events (
     seq BIGSERIAL PRIMARY KEY,
     account_key TEXT NOT NULL,
     event_id TEXT NOT NULL,
     type TEXT NOT NULL,
     ticket_id TEXT NOT NULL,
     occurred_at TIMESTAMPTZ NOT NULL,
     status TEXT,
     previous_status TEXT,
     raw JSONB NOT NULL,
     received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     UNIQUE (account_key, event_id)
   )`,
  `CREATE INDEX IF NOT EXISTS ticket_events_ticket ON ticket_events (account_key, ticket_id, seq)`,
  `CREATE TABLE IF NOT EXISTS event_subscriptions (
     id TEXT PRIMARY KEY,
     account_key TEXT NOT NULL,
     secret_hash TEXT NOT NULL,
     dixa_webhook_id TEXT,
     events JSONB NOT NULL,
     created_at TIMESTAMPTZ NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS event_consumers (
     id TEXT PRIMARY KEY,
     account_key TEXT NOT NULL,
     url TEXT NOT NULL,
     types JSONB NOT NULL,
     secret TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS event_deliveries (
     consumer_id TEXT NOT NULL REFERENCES event_consumers (id) ON DELETE CASCADE,
     event_seq BIGINT NOT NULL REFERENCES ticket_events (seq),
     status TEXT NOT NULL DEFAULT 'PENDING',
     attempts INTEGER NOT NULL DEFAULT 0,
     last_status_code INTEGER,
     next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     delivered_at TIMESTAMPTZ,
     PRIMARY KEY (consumer_id, event_seq)
   )`,
];

export interface StoredEvent {
  seq: number;
  eventId: string;
  type: TicketEventTypeValue;
  ticketId: string;
  occurredAt: string;
  status: string | null;
  previousStatus: string | null;
  raw: unknown;
}

export interface Subscription {
  id: string;
  dixaWebhookId: string | null;
  events: string[];
  createdAt: string;
}

export interface Consumer {
  id: string;
  url: string;
  types: TicketEventTypeValue[];
  createdAt: string;
}

export interface Delivery {
  consumerId: string;
  eventSeq: number;
  eventId: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  lastStatusCode: number | null;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

type Row = Record<string, unknown>;
const toEvent = (r: Row): StoredEvent => ({
  seq: Number(r.seq),
  eventId: String(r.event_id),
  type: r.type as TicketEventTypeValue,
  ticketId: String(r.ticket_id),
  occurredAt: iso(r.occurred_at)!,
  status: (r.status as string | null) ?? null,
  previousStatus: (r.previous_status as string | null) ?? null,
  raw: json(r.raw),
});

export class EventStore {
  constructor(private readonly sql: Sql) {}

  migrate(): Promise<void> {
    return migrate(this.sql, 'events', MIGRATIONS);
  }

  async ping(): Promise<void> {
    await this.sql.query('SELECT 1');
  }

  /**
   * Stores an event once: a redelivery of the same event_id returns null and stores nothing.
   * previousStatus is the status of the ticket's latest earlier event that carried one.
   */
  async record(accountKey: string, event: NormalisedEvent, raw: unknown): Promise<StoredEvent | null> {
    const [previous] = await this.sql.query<Row>(
      'SELECT status FROM ticket_events WHERE account_key = $1 AND ticket_id = $2 AND status IS NOT NULL ORDER BY seq DESC LIMIT 1',
      [accountKey, event.ticketId],
    );
    const rows = await this.sql.query<Row>(
      `INSERT INTO ticket_events (account_key, event_id, type, ticket_id, occurred_at, status, previous_status, raw)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (account_key, event_id) DO NOTHING RETURNING *`,
      [accountKey, event.eventId, event.type, event.ticketId, event.occurredAt, event.status, event.status ? ((previous?.status as string) ?? null) : null, JSON.stringify(raw)],
    );
    return rows[0] ? toEvent(rows[0]) : null;
  }

  /** Events after `afterSeq`, oldest first, filtered. */
  async list(accountKey: string, options: { afterSeq: number; limit: number; types?: string[] | null; ticketId?: string | null; since?: string | null }): Promise<StoredEvent[]> {
    const where = ['account_key = $1', 'seq > $2'];
    const params: unknown[] = [accountKey, options.afterSeq];
    if (options.types?.length) where.push(`type = ANY($${params.push(options.types)})`);
    if (options.ticketId) where.push(`ticket_id = $${params.push(options.ticketId)}`);
    if (options.since) where.push(`occurred_at >= $${params.push(options.since)}`);
    params.push(options.limit);
    return (await this.sql.query<Row>(`SELECT * FROM ticket_events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`, params)).map(toEvent);
  }

  async createSubscription(accountKey: string, events: string[]): Promise<{ subscription: Subscription; secret: string }> {
    const secret = randomBytes(32).toString('hex');
    const [row] = await this.sql.query<Row>('INSERT INTO event_subscriptions (id, account_key, secret_hash, events) VALUES ($1, $2, $3, $4) RETURNING *', [
      randomUUID(),
      accountKey,
      hash(secret),
      JSON.stringify(events),
    ]);
    return { subscription: this.#subscription(row!), secret };
  }

  async setDixaWebhookId(id: string, dixaWebhookId: string): Promise<Subscription> {
    const [row] = await this.sql.query<Row>('UPDATE event_subscriptions SET dixa_webhook_id = $2 WHERE id = $1 RETURNING *', [id, dixaWebhookId]);
    return this.#subscription(row!);
  }

  /** The account a webhook delivery belongs to, if its subscription exists and the secret matches. */
  async authenticate(subscriptionId: string, secret: string): Promise<{ accountKey: string } | 'unknown' | 'forbidden'> {
    const [row] = await this.sql.query<Row>('SELECT account_key, secret_hash FROM event_subscriptions WHERE id = $1', [subscriptionId]);
    if (!row) return 'unknown';
    const expected = Buffer.from(String(row.secret_hash), 'hex');
    const presented = Buffer.from(hash(secret), 'hex');
    return timingSafeEqual(expected, presented) ? { accountKey: String(row.account_key) } : 'forbidden';
  }

  async subscriptions(accountKey: string): Promise<Subscription[]> {
    return (await this.sql.query<Row>('SELECT * FROM event_subscriptions WHERE account_key = $1 ORDER BY created_at', [accountKey])).map((r) => this.#subscription(r));
  }

  async deleteSubscription(accountKey: string, id: string): Promise<Subscription | null> {
    const [row] = await this.sql.query<Row>('DELETE FROM event_subscriptions WHERE account_key = $1 AND id = $2 RETURNING *', [accountKey, id]);
    return row ? this.#subscription(row) : null;
  }

  #subscription(r: Row): Subscription {
    return { id: String(r.id), dixaWebhookId: (r.dixa_webhook_id as string | null) ?? null, events: json(r.events) as string[], createdAt: iso(r.created_at)! };
  }

  async addConsumer(accountKey: string, url: string, types: TicketEventTypeValue[]): Promise<{ consumer: Consumer; secret: string }> {
    const secret = randomBytes(32).toString('base64url');
    const [row] = await this.sql.query<Row>('INSERT INTO event_consumers (id, account_key, url, types, secret) VALUES ($1, $2, $3, $4, $5) RETURNING *', [
      randomUUID(),
      accountKey,
      url,
      JSON.stringify(types),
      secret,
    ]);
    return { consumer: this.#consumer(row!), secret };
  }

  async consumers(accountKey: string): Promise<Consumer[]> {
    return (await this.sql.query<Row>('SELECT * FROM event_consumers WHERE account_key = $1 ORDER BY created_at', [accountKey])).map((r) => this.#consumer(r));
  }

  async removeConsumer(accountKey: string, id: string): Promise<Consumer | null> {
    const [row] = await this.sql.query<Row>('DELETE FROM event_consumers WHERE account_key = $1 AND id = $2 RETURNING *', [accountKey, id]);
    return row ? this.#consumer(row) : null;
  }

  #consumer(r: Row): Consumer {
    return { id: String(r.id), url: String(r.url), types: json(r.types) as TicketEventTypeValue[], createdAt: iso(r.created_at)! };
  }

  /** Queues the event for every consumer of its account that wants its type. */
  async enqueue(accountKey: string, event: StoredEvent): Promise<number> {
    const consumers = (await this.consumers(accountKey)).filter((c) => !c.types.length || c.types.includes(event.type));
    for (const c of consumers) await this.sql.query('INSERT INTO event_deliveries (consumer_id, event_seq) VALUES ($1, $2) ON CONFLICT DO NOTHING', [c.id, event.seq]);
    return consumers.length;
  }

  /** Deliveries whose time has come, with what is needed to send them. */
  async due(limit: number): Promise<Array<{ consumerId: string; url: string; secret: string; event: StoredEvent; attempts: number }>> {
    const rows = await this.sql.query<Row>(
      `SELECT d.consumer_id, d.attempts, c.url, c.secret, e.* FROM event_deliveries d
       JOIN event_consumers c ON c.id = d.consumer_id JOIN ticket_events e ON e.seq = d.event_seq
       WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() ORDER BY d.event_seq LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ consumerId: String(r.consumer_id), url: String(r.url), secret: String(r.secret), event: toEvent(r), attempts: Number(r.attempts) }));
  }

  async markDelivered(consumerId: string, seq: number, statusCode: number): Promise<void> {
    await this.sql.query("UPDATE event_deliveries SET status = 'DELIVERED', attempts = attempts + 1, last_status_code = $3, delivered_at = now() WHERE consumer_id = $1 AND event_seq = $2", [consumerId, seq, statusCode]);
  }

  async markFailedAttempt(consumerId: string, seq: number, statusCode: number | null, retryInMs: number | null): Promise<void> {
    await this.sql.query(
      `UPDATE event_deliveries SET attempts = attempts + 1, last_status_code = $3,
         status = CASE WHEN $4::bigint IS NULL THEN 'FAILED' ELSE 'PENDING' END,
         next_attempt_at = now() + make_interval(secs => COALESCE($4::bigint, 0) / 1000.0)
       WHERE consumer_id = $1 AND event_seq = $2`,
      [consumerId, seq, statusCode, retryInMs],
    );
  }

  async deliveries(consumerId: string, limit: number): Promise<Delivery[]> {
    const rows = await this.sql.query<Row>(
      `SELECT d.*, e.event_id FROM event_deliveries d JOIN ticket_events e ON e.seq = d.event_seq WHERE d.consumer_id = $1 ORDER BY d.event_seq DESC LIMIT $2`,
      [consumerId, limit],
    );
    return rows.map((r) => ({
      consumerId: String(r.consumer_id),
      eventSeq: Number(r.event_seq),
      eventId: String(r.event_id),
      status: r.status as Delivery['status'],
      attempts: Number(r.attempts),
      lastStatusCode: r.last_status_code == null ? null : Number(r.last_status_code),
      deliveredAt: iso(r.delivered_at),
      nextAttemptAt: r.status === 'PENDING' ? iso(r.next_attempt_at) : null,
    }));
  }
}
