/** pino logger. Authorization headers and anything named like a token are redacted wherever they sit. */
import { pino, type Logger } from 'pino';

export const REDACT_PATHS = [
  'token',
  '*.token',
  'apiToken',
  '*.apiToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'DIXA_API_TOKEN',
  '*.DIXA_API_TOKEN',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'dixa-subgraph' } }, destination);
}

export type { Logger };
