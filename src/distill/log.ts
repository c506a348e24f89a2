/**
 * The distillation log (opt-in: an R2 bucket bound as DISTILL_LOG): every origin answer that validated is kept with
 * its request as one JSONL line, batched per isolate into one object per batch (`distill/YYYY-MM-DD/<isolate>-<n>.jsonl`).
 * Lines hold the request (messages, tools, tool_choice, parallel_tool_calls) and the origin's answer in OpenAI's
 * response shape, so `training/distill_log.py` reads them with the teacher path's own converter. No keys or
 * secrets are written; the tenant is a one-way hash of the caller's API key. A batch still in memory when the
 * isolate ends is lost: this is a best-effort training log, not an audit trail.
 */
import type { ChatMessage, ToolCallRequest, ToolChoice, ToolDefinition } from "../caller/types.js";
import type { OriginCompletion } from "../origin/wire.js";

/** The part of R2Bucket the log uses. */
export interface DistillBucket {
  put(key: string, value: string, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>;
}

export interface DistillEnv {
  /** R2 bucket binding; unset: no log. */
  DISTILL_LOG?: DistillBucket;
  /** Records per object (default 50). */
  DISTILL_BATCH?: string;
  /** Longest a record waits in memory before its batch is written, in ms (default 60000). */
  DISTILL_MAX_AGE_MS?: string;
}

export interface DistillRecord {
  v: 1;
  ts: string;
  /** sha256 of the caller's API key, 16 hex digits; "anonymous" without one. */
  tenant: string;
  origin_model: string | null;
  route_reasons: string[];
  request: { messages: ChatMessage[]; tools: ToolDefinition[]; tool_choice: ToolChoice; parallel_tool_calls: boolean };
  response: { choices: Array<{ index: 0; message: Record<string, unknown>; finish_reason: string }> };
}

export function distillRecord(
  request: ToolCallRequest,
  completion: OriginCompletion,
  tenant: string,
  reasons: readonly string[],
  now: Date = new Date(),
): DistillRecord {
  const message: Record<string, unknown> = { role: "assistant", content: completion.content };
  if (completion.tool_calls.length > 0) {
    message.tool_calls = completion.tool_calls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    v: 1,
    ts: now.toISOString(),
    tenant,
    origin_model: completion.model,
    route_reasons: [...reasons],
    request: { messages: request.messages, tools: request.tools, tool_choice: request.tool_choice, parallel_tool_calls: request.parallel_tool_calls },
    response: { choices: [{ index: 0, message, finish_reason: completion.finish_reason }] },
  };
}

export interface DistillLogOptions {
  batch: number;
  maxAgeMs: number;
  now?: () => number;
  /** Names this isolate's objects (random by default). */
  isolate?: string;
}

export class DistillLog {
  private records: string[] = [];
  private oldest = 0;
  private sequence = 0;
  private readonly now: () => number;
  private readonly isolate: string;

  constructor(
    private readonly bucket: DistillBucket,
    private readonly options: DistillLogOptions,
  ) {
    this.now = options.now ?? (() => Date.now());
    this.isolate = options.isolate ?? crypto.randomUUID().slice(0, 8);
  }

  get pending(): number {
    return this.records.length;
  }

  /** Adds a record; returns the write of the batch when this record completes one (hand it to waitUntil). */
  add(record: DistillRecord): Promise<void> | undefined {
    if (this.records.length === 0) this.oldest = this.now();
    this.records.push(JSON.stringify(record));
    const due = this.records.length >= this.options.batch || this.now() - this.oldest >= this.options.maxAgeMs;
    return due ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.records.length === 0) return;
    const lines = this.records;
    this.records = [];
    const day = new Date(this.now()).toISOString().slice(0, 10);
    const key = `distill/${day}/${this.isolate}-${String(this.sequence++).padStart(6, "0")}.jsonl`;
    try {
      await this.bucket.put(key, `${lines.join("\n")}\n`, { httpMetadata: { contentType: "application/x-ndjson" } });
    } catch (error) {
      console.error(`distillation log: ${lines.length} records not written (${error instanceof Error ? error.name : "error"})`);
    }
  }
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

const logs = new WeakMap<DistillBucket, DistillLog>();

/** The isolate's log for this env's bucket, or undefined when no bucket is bound. */
export function distillLogFor(env: DistillEnv | undefined): DistillLog | undefined {
  const bucket = env?.DISTILL_LOG;
  if (bucket === undefined) return undefined;
  let log = logs.get(bucket);
  if (log === undefined) {
    log = new DistillLog(bucket, { batch: positive(env?.DISTILL_BATCH, 50), maxAgeMs: positive(env?.DISTILL_MAX_AGE_MS, 60_000) });
    logs.set(bucket, log);
  }
  return log;
}

/** One-way tenant id: sha256 of the bearer key, 16 hex digits. */
export async function tenantHash(authorization: string | undefined): Promise<string> {
  const key = authorization?.replace(/^Bearer\s+/i, "").trim();
  if (key === undefined || key === "") return "anonymous";
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`edgecall-distill\n${key}`));
  return [...new Uint8Array(digest)]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, 16);
}
