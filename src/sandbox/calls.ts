/** The sandbox's record of every /v1 request, which tests read to prove batching. */
export interface CallRecord {
  method: string;
  /** Concrete path, without the query string. */
  path: string;
  /** Route template, e.g. `GET /v1/conversations/{id}`. */
  template: string;
  query: Record<string, string>;
  /** Hash of the request body (for duplicate detection); never the body itself. */
  bodyHash: string;
  status: number;
  /** Which organisation (index of its token); never the token. */
  org: number;
  startedAt: number;
  endedAt: number;
}

export class CallLog {
  #records: CallRecord[] = [];

  record(call: CallRecord): void {
    this.#records.push(call);
  }
  list(): CallRecord[] {
    return [...this.#records];
  }
  /** Number of calls in all, or of one template (`GET /v1/endusers/{id}`). */
  count(template?: string): number {
    return template ? this.#records.filter((c) => c.template === template).length : this.#records.length;
  }
  byTemplate(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const c of this.#records) counts[c.template] = (counts[c.template] ?? 0) + 1;
    return counts;
  }
  /** Identical requests (method, path, query, body) made more than once. */
  duplicates(): string[] {
    const seen = new Map<string, number>();
    for (const c of this.#records) {
      const query = new URLSearchParams(Object.entries(c.query).sort()).toString();
      const key = `${c.method} ${c.path}${query ? `?${query}` : ''}${c.bodyHash ? ` #${c.bodyHash}` : ''}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
  }
  /** The most requests that were being served at the same moment. */
  maxInFlight(): number {
    const events = this.#records.flatMap((c) => [
      { at: c.startedAt, delta: 1 },
      { at: c.endedAt, delta: -1 },
    ]);
    events.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let current = 0;
    let max = 0;
    for (const e of events) max = Math.max(max, (current += e.delta));
    return max;
  }
  reset(): void {
    this.#records = [];
  }
}
