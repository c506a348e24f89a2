/**
 * Why an origin request failed. `kind` is what the router and the API act on: the reason in `route_reasons`, the
 * status of the error answer (504 for timeouts, 502 otherwise), and whether a retry and the breaker count it.
 */
export type OriginFailureKind =
  "timeout" | "connection" | "status" | "bad_response" | "too_large" | "truncated" | "circuit_open" | "invalid_tool_call";

export class OriginError extends Error {
  override readonly name = "OriginError";
  readonly kind: OriginFailureKind;
  /** The origin's HTTP status, for `status` failures. */
  readonly status: number | undefined;
  /** Milliseconds the origin asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(kind: OriginFailureKind, message: string, extra: { status?: number; retryAfterMs?: number } = {}) {
    super(message);
    this.kind = kind;
    this.status = extra.status;
    this.retryAfterMs = extra.retryAfterMs;
  }

  /** Worth one more try: the connection failed, or the origin answered 5xx or 429. */
  get retryable(): boolean {
    return this.kind === "connection" || (this.kind === "status" && this.status !== undefined && (this.status >= 500 || this.status === 429));
  }

  /** Counts against the origin's health (the circuit breaker); a 4xx other than 429 is our request's fault. */
  get countsAsFailure(): boolean {
    if (this.kind === "status") return this.status === undefined || this.status >= 500 || this.status === 429;
    return this.kind !== "circuit_open" && this.kind !== "invalid_tool_call";
  }

  /** The short reason used in `x_edgecall.route_reasons`, e.g. `origin_status_503`. */
  get reason(): string {
    return this.kind === "status" && this.status !== undefined ? `origin_status_${this.status}` : `origin_${this.kind}`;
  }
}

export function isOriginError(error: unknown): error is OriginError {
  return error instanceof OriginError;
}
