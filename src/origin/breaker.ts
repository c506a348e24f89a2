/**
 * A circuit breaker per origin and isolate: after `failureThreshold` failed requests in a row it opens and every
 * request fails over at once; after `coolDownMs` it lets one probe through (half-open): success closes it, failure
 * opens it for another cool-down.
 */
export type BreakerState = "closed" | "open" | "half_open";

export interface BreakerOptions {
  failureThreshold: number;
  coolDownMs: number;
  now?: () => number;
}

export const BREAKER_DEFAULTS = { failureThreshold: 5, coolDownMs: 30_000 } as const;

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions = BREAKER_DEFAULTS) {
    this.now = options.now ?? (() => Date.now());
  }

  get state(): BreakerState {
    if (this.openedAt === undefined) return "closed";
    return this.now() - this.openedAt >= this.options.coolDownMs ? "half_open" : "open";
  }

  /** May a request go to the origin now? In half-open state only one probe at a time does. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.probing) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.probing = false;
  }

  failure(): void {
    this.failures++;
    if (this.probing || this.failures >= this.options.failureThreshold) this.openedAt = this.now();
    this.probing = false;
  }

  /** A request that acquired but ended with no verdict on the origin's health (e.g. our own 4xx). */
  release(): void {
    this.probing = false;
  }
}
