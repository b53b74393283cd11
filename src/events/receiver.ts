/**
 * Dixa webhook deliveries in: POST /webhooks/dixa/:subscriptionId/:secret. Dixa's own signing is
 * not documented, so each subscription gets a random 256-bit secret carried in its URL (only its
 * SHA-256 is stored). The delivery is validated and stored first (idempotent on event_id), the
 * answer sent at once, and consumer deliveries queued after.
 */
import express, { Router } from 'express';
import type { Logger } from '../logger.ts';
import { normaliseDelivery, WebhookDeliverySchema } from '../mapping/events.ts';
import type { EventStore } from './store.ts';

export function webhookRouter(options: { store: EventStore; logger: Logger; onStored(accountKey: string): void }): Router {
  const router = Router();
  router.post('/webhooks/dixa/:subscriptionId/:secret', express.json({ limit: '512kb' }), async (req, res) => {
    const auth = await options.store.authenticate(req.params.subscriptionId, req.params.secret);
    if (auth === 'unknown') return void res.status(404).json({ error: 'unknown subscription' });
    if (auth === 'forbidden') return void res.status(401).json({ error: 'bad secret' });
    const parsed = WebhookDeliverySchema.safeParse(req.body);
    const event = parsed.success ? normaliseDelivery(parsed.data, new Date()) : null;
    if (!parsed.success || !event) return void res.status(400).json({ error: 'not a Dixa conversation event' });
    const stored = await options.store.record(auth.accountKey, event, req.body);
    res.status(202).json({ stored: stored !== null });
    if (stored) {
      const queued = await options.store.enqueue(auth.accountKey, stored);
      options.logger.info({ eventId: stored.eventId, type: stored.type, queued }, 'dixa event stored');
      if (queued) options.onStored(auth.accountKey);
    }
  });
  return router;
}
