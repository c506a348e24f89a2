/** One deadline for a whole origin exchange (retry included): its signal aborts with an OriginError("timeout"). */
import { OriginError } from "./errors.js";

export class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly end: number;

  constructor(
    readonly totalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.end = now() + totalMs;
    this.signal = this.controller.signal;
    this.timer = setTimeout(
      () => this.controller.abort(new OriginError("timeout", `no complete answer from the origin within ${totalMs} ms`)),
      totalMs,
    );
  }

  remaining(): number {
    return Math.max(0, this.end - this.now());
  }

  /** Stops the timer; call when the exchange is over, whichever way it ended. */
  dispose(): void {
    clearTimeout(this.timer);
  }
}
