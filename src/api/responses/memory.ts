/**
 * The Responses route's use of the memory (src/memory): the chain a request continues, the record it leaves, and
 * the `x_edgecall.memory` block that says what happened. KV failures never fail a request that can be answered:
 * only a chained request whose history cannot be read gets a 503.
 */
import type { ChatMessage } from "../../caller/types.js";
import {
  chainIndex,
  DEFAULT_SELECTION,
  messageBytes,
  MemoryUnavailableError,
  readChain,
  RECORD_VERSION,
  SLOT_MEMORY_BYTES,
  type ChainRead,
  type MemoryStore,
  type TurnRecord,
  type WriteOutcome,
} from "../../memory/index.js";
import { ApiError } from "../errors.js";

export interface MemoryReport {
  /** Whether this response was stored (GET and chaining work), and why not. */
  stored: boolean;
  reason?: "store_false" | "no_kv" | "kv_error" | "kv_timeout" | "too_large" | "bad_id";
  /** For a chained request: turns in the chain, turns read, selected turns that were gone, how they were chosen. */
  chain?: { turns: number; read: number; missing: number; selection: ChainRead["selection"] };
}

export function notFound(id: string, param: string | null = null): ApiError {
  const previous = param === "previous_response_id";
  return new ApiError(`${previous ? "Previous response" : "Response"} with id '${id}' not found.`, {
    status: 404,
    type: "invalid_request_error",
    code: previous ? "previous_response_not_found" : "not_found",
    param,
  });
}

export function memoryUnavailable(error: MemoryUnavailableError): ApiError {
  return new ApiError(
    "The conversation memory is unavailable, so 'previous_response_id' cannot be read now. Retry, or send the whole conversation as 'input' without it.",
    {
      status: 503,
      type: "server_error",
      code: error.reason === "kv_timeout" ? "memory_timeout" : "memory_unavailable",
      headers: { "Retry-After": "1" },
    },
  );
}

/**
 * The chain `previousId` continues, its earlier turns chosen to fit what the reader reads with the new turn's
 * messages: 404 when the tenant has no such response, 503 when the memory cannot be read.
 */
export async function continueChain(
  store: MemoryStore | undefined,
  tenant: string,
  previousId: string,
  turn: readonly ChatMessage[],
  query: () => Promise<Float32Array | undefined>,
): Promise<ChainRead> {
  if (store === undefined) throw notFound(previousId, "previous_response_id");
  const budgetBytes = Math.max(0, store.settings.readBytes - messageBytes(turn) - SLOT_MEMORY_BYTES);
  let chain: ChainRead | undefined;
  try {
    chain = await readChain(store, tenant, previousId, query, { ...DEFAULT_SELECTION, budgetBytes });
  } catch (error) {
    if (error instanceof MemoryUnavailableError) throw memoryUnavailable(error);
    throw error;
  }
  if (chain === undefined) throw notFound(previousId, "previous_response_id");
  return chain;
}

export interface NewRecord {
  id: string;
  created_at: number;
  previous: TurnRecord | undefined;
  tool_set: string | null;
  messages: ChatMessage[];
  memory: string | null;
  slots: TurnRecord["slots"];
  response: Record<string, unknown>;
  input_items: Record<string, unknown>[];
}

export function turnRecord(input: NewRecord): TurnRecord {
  return {
    v: RECORD_VERSION,
    id: input.id,
    created_at: input.created_at,
    previous_response_id: input.previous?.id ?? null,
    tool_set: input.tool_set,
    messages: input.messages,
    ancestors: chainIndex(input.previous),
    memory: input.memory,
    slots: input.slots,
    response: input.response,
    input_items: input.input_items,
  };
}

export function reportOf(outcome: WriteOutcome | "store_false" | "no_kv", chain: ChainRead | undefined): MemoryReport {
  const report: MemoryReport =
    typeof outcome === "string" ? { stored: false, reason: outcome } : outcome.stored ? { stored: true } : { stored: false, reason: outcome.reason };
  if (chain !== undefined) report.chain = { turns: chain.total, read: chain.read, missing: chain.missing, selection: chain.selection };
  return report;
}
