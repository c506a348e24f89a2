/**
 * The local origin for development and tests: an OpenAI-compatible server on loopback (GET /v1/models,
 * POST /v1/chat/completions with streaming, GET /healthz, GET /metrics) that stands in for the GPU model. It runs the same tool
 * caller as the edge, on onnxruntime-node, at the model's widest attention window. It cannot write prose: turns
 * that want text get a fixed sentence saying so.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ToolCaller, ToolCallRequest, ToolCallResult } from "../caller/types.js";
import { answerFor, type AssistantAnswer } from "../api/chat/answer.js";
import { completionBody, type CompletionContext } from "../api/chat/completion.js";
import { completionId } from "../api/chat/ids.js";
import { toToolCallRequest } from "../api/chat/normalize.js";
import { sseBody, streamChunks } from "../api/chat/stream.js";
import { elapsed } from "../api/chat/metadata.js";
import { usageOf } from "../api/chat/usage.js";
import { ApiError, invalidRequest } from "../api/errors.js";
import { validateChatRequest } from "../api/validation/validate-request.js";
import { routeFeatures } from "../router/features.js";
import { tenantHash } from "../distill/log.js";
import { PROMETHEUS_CONTENT_TYPE, Telemetry, type ModelOutcome, type RequestFacts } from "../telemetry/index.js";

export const NO_PROSE =
  "This is edgecall's local stand-in for the GPU origin: it runs the edge tool caller with its widest window and cannot write prose. Point ORIGIN_URL at an OpenAI-compatible server (vLLM, see docs/deploy.md) for text answers.";

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface LocalOrigin {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface LocalOriginOptions {
  caller: ToolCaller;
  /** Which engine runs the caller (reported in x_edgecall.backend). */
  backend: string;
  port?: number;
  host?: string;
  /** API keys: when given, /v1/* and /metrics need `Authorization: Bearer <key>`. */
  apiKeys?: readonly string[];
  /** Monitoring: one per server by default (source "origin"); false: none. */
  telemetry?: Telemetry | false;
}

/** What a request ended with, filled in as it is handled (src/telemetry). */
interface Handled {
  endpoint: string;
  outcome?: ModelOutcome;
  error?: { name: string; code: string | null };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on("data", (part: Buffer) => {
      size += part.byteLength;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError("Request body too large.", { status: 413, type: "invalid_request_error", code: "request_too_large" }));
        req.destroy();
        return;
      }
      parts.push(part);
    });
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, contentType = "application/json"): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.setHeader("content-type", contentType);
  res.setHeader("content-length", Buffer.byteLength(text));
  res.writeHead(status).end(text);
}

function checkKey(req: IncomingMessage, keys: readonly string[] | undefined): void {
  if (keys === undefined || keys.length === 0) return;
  const given = /^Bearer\s+(.+)$/i.exec((req.headers.authorization ?? "").trim())?.[1];
  const digest = (value: string): Buffer => createHash("sha256").update(value).digest();
  if (given === undefined || !keys.map((key) => timingSafeEqual(digest(given), digest(key))).includes(true)) {
    throw new ApiError("Incorrect or missing API key.", { status: 401, type: "authentication_error", code: "invalid_api_key" });
  }
}

/** Text-only turns get the fixed sentence; everything else is the tool caller's answer. */
async function answer(caller: ToolCaller, request: ToolCallRequest): Promise<{ result: ToolCallResult | undefined; answer: AssistantAnswer }> {
  if (routeFeatures(request).text_only !== null) {
    return { result: undefined, answer: { content: NO_PROSE, tool_calls: [], finish_reason: "stop", extensions: {} } };
  }
  const result = await caller.call(request);
  if (result.kind === "no_call" || result.kind === "not_expressible") {
    return { result, answer: { ...answerFor(result), content: `${answerFor(result).content ?? ""} ${NO_PROSE}` } };
  }
  return { result, answer: answerFor(result) };
}

async function chatCompletions(options: LocalOriginOptions, req: IncomingMessage, res: ServerResponse, handled: Handled): Promise<void> {
  const text = await readBody(req);
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest("We could not parse the JSON body of your request.", null, "invalid_json");
  }
  const body = validateChatRequest(json);
  const request = toToolCallRequest(body);
  const started = performance.now();
  const { result, answer: reply } = await answer(options.caller, request);
  const modelMs = elapsed(started);
  handled.outcome = {
    route: "edge",
    route_reasons: ["local_origin"],
    backend: options.backend,
    result: result?.kind ?? "text",
    tools_offered: request.tools.map((tool) => tool.function.name),
    tools_called: reply.tool_calls.map((call) => call.function.name),
    tools_missing: result?.kind === "missing" ? result.missing.map((item) => item.name) : [],
    tools_invalid: [],
    confidence: result?.confidence ?? null,
    validation_failures: 0,
    origin: "not_asked",
    timings_ms: { validate: 0, model: modelMs, origin: null },
  };
  const context: CompletionContext = {
    id: completionId(),
    created: Math.floor(Date.now() / 1000),
    model: options.caller.id,
    answer: reply,
    usage: usageOf(request, reply),
    metadata: {
      route: "edge",
      route_reasons: ["local_origin"],
      backend: options.backend,
      result: result?.kind ?? "text",
      confidence: result?.confidence ?? null,
      timings_ms: { validate: 0, model: modelMs, total: modelMs },
    },
  };
  if (body.stream === true) {
    const events = sseBody(streamChunks(context, body.stream_options?.include_usage === true));
    res.setHeader("cache-control", "no-cache");
    send(res, 200, events, "text/event-stream; charset=utf-8");
    return;
  }
  send(res, 200, completionBody(context));
}

export async function startLocalOrigin(options: LocalOriginOptions): Promise<LocalOrigin> {
  const models = { object: "list", data: [{ id: options.caller.id, object: "model", created: 0, owned_by: "edgecall-local-origin" }] };
  const telemetry = options.telemetry ?? new Telemetry({ source: "origin" });
  const server = createServer((req, res) => {
    const started = performance.now();
    const path = new URL(req.url ?? "/", "http://local").pathname;
    const handled: Handled = { endpoint: "unmatched" };
    if (telemetry !== false) {
      res.once("finish", () => {
        recordRequest(telemetry, req, res, handled, performance.now() - started).catch((error: unknown) => {
          console.error(`local origin: monitoring event not written (${error instanceof Error ? error.name : typeof error})`);
        });
      });
    }
    const handle = async (): Promise<void> => {
      if (req.method === "GET" && path === "/healthz") {
        handled.endpoint = "/healthz";
        return send(res, 200, { status: "ok", model: options.caller.id, backend: options.backend });
      }
      if (req.method === "GET" && path === "/metrics" && telemetry !== false) {
        handled.endpoint = "/metrics";
        checkKey(req, options.apiKeys);
        return send(res, 200, telemetry.metricsText(), PROMETHEUS_CONTENT_TYPE);
      }
      if (req.method === "GET" && (path === "/v1/models" || path === "/models")) {
        handled.endpoint = "/v1/models";
        checkKey(req, options.apiKeys);
        return send(res, 200, models);
      }
      if (req.method === "POST" && (path === "/v1/chat/completions" || path === "/chat/completions")) {
        handled.endpoint = "/v1/chat/completions";
        checkKey(req, options.apiKeys);
        return chatCompletions(options, req, res, handled);
      }
      throw new ApiError(`Unknown request URL: ${req.method ?? ""} ${path}.`, { status: 404, type: "invalid_request_error", code: "unknown_url" });
    };
    handle().catch((error: unknown) => {
      const known = error instanceof ApiError ? error : undefined;
      handled.error = { name: error instanceof Error ? error.name : typeof error, code: known?.code ?? null };
      if (!known) console.error(`local origin: unhandled ${error instanceof Error ? error.name : typeof error}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = known?.status ?? 500;
      send(
        res,
        status,
        known?.toBody() ?? { error: { message: "The local origin had an error.", type: "server_error", param: null, code: "internal_error" } },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}/v1`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The origin's monitoring event: the same fields as the worker's (src/telemetry), source "origin". */
async function recordRequest(telemetry: Telemetry, req: IncomingMessage, res: ServerResponse, handled: Handled, totalMs: number): Promise<void> {
  const status = res.statusCode;
  const length = Number(res.getHeader("content-length"));
  const requestLength = Number(req.headers["content-length"]);
  const facts: RequestFacts = {
    endpoint: handled.endpoint,
    method: req.method ?? "",
    status,
    error: status >= 400 ? (handled.error ?? { name: "HttpError", code: null }) : null,
    stream: String(res.getHeader("content-type") ?? "").startsWith("text/event-stream"),
    totalMs,
    requestBytes: Number.isInteger(requestLength) ? requestLength : null,
    responseBytes: Number.isInteger(length) ? length : null,
    tenant: status === 401 ? "invalid" : await tenantHash(req.headers.authorization),
  };
  telemetry.record(facts, handled.outcome, undefined);
}
