/**
 * Operator API for linked accounts, outside the GraphQL schema (so a router never exposes it to
 * tenants), behind the admin key. Tokens go in, never out.
 *   POST   /admin/accounts            { name, token }  → 201 account   (token verified with Dixa first)
 *   GET    /admin/accounts                             → accounts
 *   PUT    /admin/accounts/:id/token  { token }        → account      (verified first)
 *   DELETE /admin/accounts/:id                         → 204          (the sealed token is deleted)
 *   POST   /admin/rotate-key                           → { reencrypted }
 */
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Dispatcher } from 'undici';
import { DixaClient } from '../dixa/client.ts';
import { DixaHttpError } from '../dixa/errors.ts';
import type { Logger } from '../logger.ts';
import { keyMatches } from '../security.ts';
import type { AccountStore } from './store.ts';
import type { Tenancy } from './tenancy.ts';

export interface AdminOptions {
  store: AccountStore;
  tenancy: Tenancy;
  adminKey: string | null;
  baseUrl: string;
  pool: Dispatcher;
  logger: Logger;
}

const LinkBody = z.object({ name: z.string().trim().min(1).max(200), token: z.string().trim().min(8).max(4096) });
const TokenBody = z.object({ token: z.string().trim().min(8).max(4096) });

const fail = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });

/** Asks Dixa whether the token works, with the cheapest authenticated call. */
async function verifyToken(options: AdminOptions, token: string): Promise<'ok' | 'rejected' | 'unreachable'> {
  try {
    await new DixaClient({ baseUrl: options.baseUrl, token, pool: options.pool, retry: { maxAttempts: 2 } }).listAgents({}, { pageLimit: 1 });
    return 'ok';
  } catch (error) {
    if (error instanceof DixaHttpError && (error.status === 401 || error.status === 403)) return 'rejected';
    options.logger.warn({ err: error instanceof Error ? error.message : 'unknown' }, 'token verification failed');
    return 'unreachable';
  }
}

export function adminRouter(options: AdminOptions): Router {
  const router = Router();
  router.use('/admin', express.json({ limit: '16kb' }), (req: Request, res: Response, next) => {
    const bearer = req.headers.authorization?.replace(/^Bearer\s+/i, '');
    const presented = (req.headers['x-admin-key'] as string | undefined) ?? bearer;
    if (!options.adminKey) return fail(res, 404, 'NOT_FOUND', 'The admin API is disabled (set ADMIN_API_KEY)');
    if (!keyMatches(presented, options.adminKey)) return fail(res, 401, 'UNAUTHENTICATED', 'Admin key required');
    next();
  });

  const checked = async (res: Response, token: string) => {
    const verdict = await verifyToken(options, token);
    if (verdict === 'rejected') fail(res, 400, 'INVALID_TOKEN', 'Dixa rejected this token');
    else if (verdict === 'unreachable') fail(res, 502, 'UPSTREAM_UNAVAILABLE', 'Dixa could not be reached to verify the token');
    return verdict === 'ok';
  };

  router.post('/admin/accounts', async (req, res) => {
    const body = LinkBody.safeParse(req.body);
    if (!body.success) return fail(res, 400, 'BAD_REQUEST', 'Expected { name, token }');
    if (!(await checked(res, body.data.token))) return;
    const account = await options.store.link(body.data.name, body.data.token);
    options.logger.info({ accountId: account.id }, 'account linked');
    res.status(201).json({ account });
  });
  router.get('/admin/accounts', async (_req, res) => {
    res.json({ accounts: await options.store.list() });
  });
  router.put('/admin/accounts/:id/token', async (req, res) => {
    const body = TokenBody.safeParse(req.body);
    if (!body.success) return fail(res, 400, 'BAD_REQUEST', 'Expected { token }');
    if (!(await options.store.get(req.params.id))) return fail(res, 404, 'NOT_FOUND', 'No such account');
    if (!(await checked(res, body.data.token))) return;
    const account = await options.store.rotateToken(req.params.id, body.data.token);
    options.tenancy.forget(req.params.id);
    options.logger.info({ accountId: req.params.id }, 'account token rotated');
    res.json({ account });
  });
  router.delete('/admin/accounts/:id', async (req, res) => {
    const deleted = await options.store.unlink(req.params.id);
    options.tenancy.forget(req.params.id);
    if (!deleted) return fail(res, 404, 'NOT_FOUND', 'No such account');
    options.logger.info({ accountId: req.params.id }, 'account unlinked');
    res.status(204).end();
  });
  router.post('/admin/rotate-key', async (_req, res) => {
    res.json({ reencrypted: await options.store.reencrypt() });
  });
  return router;
}
