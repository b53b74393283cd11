/**
 * A circuit breaker per Dixa origin: after `threshold` consecutive failures that say Dixa is down
 * (5xx, network errors, timeouts — not 4xx or 429), calls fail fast for `cooldownMs`; then one
 * probe call is let through, and its success closes the circuit again.
 */
export interface BreakerOptions {
  threshold: number;
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { threshold: 8, cooldownMs: 10_000 };

export class CircuitOpenError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Dixa is failing: calls are paused (circuit open)');
    this.name = 'CircuitOpenError';
  }
}

export class CircuitBreaker {
  #failures = 0;
  #openUntil = 0;
  #probing = false;

  constructor(
    readonly options: BreakerOptions = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.#failures < this.options.threshold) return 'closed';
    return this.now() < this.#openUntil ? 'open' : 'half-open';
  }

  /** Throws CircuitOpenError when calls are paused; in half-open state lets a single probe through. */
  before(): void {
    const state = this.state;
    if (state === 'closed') return;
    if (state === 'open' || this.#probing) throw new CircuitOpenError(Math.max(0, (this.#openUntil - this.now()) / 1000));
    this.#probing = true;
  }

  success(): void {
    this.#failures = 0;
    this.#probing = false;
  }

  failure(): void {
    this.#probing = false;
    this.#failures++;
    if (this.#failures >= this.options.threshold) this.#openUntil = this.now() + this.options.cooldownMs;
  }

  /** A call that ended without saying anything about Dixa's health (4xx, 429, refused locally). */
  neutral(): void {
    this.#probing = false;
  }
}
