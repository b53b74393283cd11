/**
 * The push worker: sends due deliveries (at least once), one signed POST each, and retries
 * failures with exponential backoff (1 s, 2 s, 4 s … capped at 1 h) up to `maxAttempts`.
 */
import { request } from 'undici';
import type { Logger } from '../logger.ts';
import { SIGNATURE_HEADER, sign } from './signing.ts';
import type { EventStore, StoredEvent } from './store.ts';

export interface DeliveryWorkerOptions {
  store: EventStore;
  logger: Logger;
  intervalMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
}

/** The JSON body consumers receive. */
export function deliveryBody(event: StoredEvent) {
  return {
    id: event.eventId,
    type: event.type,
    ticketId: event.ticketId,
    occurredAt: event.occurredAt,
    status: event.status,
    previousStatus: event.previousStatus,
  };
}

export function startDeliveryWorker(options: DeliveryWorkerOptions) {
  const { store, logger } = options;
  const maxAttempts = options.maxAttempts ?? 10;
  const base = options.baseDelayMs ?? 1000;
  let running = false;
  let stopped = false;

  async function tick() {
    if (running || stopped) return;
    running = true;
    try {
      for (const due of await store.due(50)) {
        const body = JSON.stringify(deliveryBody(due.event));
        let status: number | null = null;
        try {
          const res = await request(due.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(due.secret, body), 'x-dixa-subgraph-event-id': due.event.eventId },
            body,
            signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
          });
          status = res.statusCode;
          await res.body.dump();
        } catch (error) {
          logger.warn({ consumerId: due.consumerId, err: error instanceof Error ? error.message : 'failed' }, 'event delivery failed');
        }
        if (status !== null && status >= 200 && status < 300) await store.markDelivered(due.consumerId, due.event.seq, status);
        else {
          const attempt = due.attempts + 1;
          await store.markFailedAttempt(due.consumerId, due.event.seq, status, attempt >= maxAttempts ? null : Math.min(3_600_000, base * 2 ** (attempt - 1)));
        }
      }
    } catch (error) {
      logger.error({ err: error }, 'delivery worker');
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void tick(), options.intervalMs ?? 500);
  timer.unref();
  return {
    /** Runs a pass now (after an event is stored), without waiting for the timer. */
    kick: () => void tick(),
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
