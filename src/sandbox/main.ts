/** `npm run sandbox`: only the Dixa simulator, for other tools. */
import { createSandbox, DEFAULT_SANDBOX_TOKEN } from './server.ts';

const port = Number(process.env.SANDBOX_PORT ?? 4010);
const size = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const sandbox = await createSandbox({
  port,
  host: process.env.SANDBOX_HOST ?? '127.0.0.1',
  organisations: [{ token: process.env.SANDBOX_TOKEN ?? DEFAULT_SANDBOX_TOKEN, seed: { conversations: size('SANDBOX_CONVERSATIONS'), endUsers: size('SANDBOX_END_USERS') } }],
});
sandbox.faults.latencyMs = Number(process.env.SANDBOX_LATENCY_MS ?? 0);
console.log(`Dixa sandbox on ${sandbox.url}/v1 — Authorization: ${sandbox.token}`);
console.log(`Call log: GET ${sandbox.url}/_sandbox/calls`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void sandbox.close().then(() => process.exit(0)));
