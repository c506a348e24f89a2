/**
 * The hand-over from a route handler to the telemetry middleware: the handler reports its outcome once
 * (`reportOutcome`), as a function read when the request ends, so a stream that finishes later is described as it
 * finished. Keyed by the Request object, so any route (chat completions, responses, …) can report without the app's
 * context types knowing about telemetry.
 */
import type { ModelOutcome } from "./event.js";

const outcomes = new WeakMap<Request, () => ModelOutcome | undefined>();

export function reportOutcome(c: { req: { raw: Request } }, outcome: () => ModelOutcome | undefined): void {
  outcomes.set(c.req.raw, outcome);
}

export function takeOutcome(request: Request): ModelOutcome | undefined {
  const read = outcomes.get(request);
  outcomes.delete(request);
  return read?.();
}
