/** The hook that writes validated origin answers to the distillation log (src/distill), when one is bound. */
import type { Context } from "hono";
import type { ToolCallRequest } from "../../caller/types.js";
import { distillLogFor, distillRecord, tenantHash } from "../../distill/log.js";
import type { OriginCompletion } from "../../origin/wire.js";
import type { Env } from "../settings.js";

export type OnOriginAnswer = (completion: OriginCompletion, reasons: readonly string[]) => void;

export function distillHook(c: Context<{ Bindings: Env }>, request: ToolCallRequest): OnOriginAnswer | undefined {
  const log = distillLogFor(c.env);
  if (log === undefined) return undefined;
  return (completion, reasons) => {
    const written = tenantHash(c.req.header("authorization")).then((tenant) => log.add(distillRecord(request, completion, tenant, reasons)));
    try {
      c.executionCtx.waitUntil(written);
    } catch {
      // No ExecutionContext (tests, Node): the write runs on its own.
      void written;
    }
  };
}
