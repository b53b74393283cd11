/** Prometheus metrics (GET /metrics): GraphQL operations and Dixa calls, plus process defaults. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UpstreamCallEvent } from './dixa/client.ts';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by outcome (ok, error)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const operationSeconds = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operation duration',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const dixaCalls = new Counter({
    name: 'dixa_calls_total',
    help: 'Dixa API calls (each attempt) by path template and status (or error kind)',
    labelNames: ['template', 'status'] as const,
    registers: [registry],
  });
  const dixaSeconds = new Histogram({
    name: 'dixa_call_duration_seconds',
    help: 'Dixa API call duration by path template',
    labelNames: ['template'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    observeOperation(seconds: number, failed: boolean) {
      operations.inc({ outcome: failed ? 'error' : 'ok' });
      operationSeconds.observe(seconds);
    },
    /** Labels are path templates and statuses only: no ids, no tokens, bounded cardinality. */
    observeDixaCall(call: UpstreamCallEvent) {
      dixaCalls.inc({ template: call.template, status: call.status !== undefined ? String(call.status) : (call.error ?? 'error') });
      dixaSeconds.observe({ template: call.template }, call.durationMs / 1000);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
