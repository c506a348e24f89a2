/**
 * The local origin for development and tests: an OpenAI-compatible server on loopback (GET /v1/models,
 * POST /v1/chat/completions with streaming, GET /healthz) that stands in for the GPU model. It runs the same tool
 * caller as the edge, on onnxruntime-node, at the model's widest attention window. It cannot write prose: turns
 * that want text get a fixed sentence saying so.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ToolCaller, ToolCallRequest, ToolCallResult } from "../caller/types.js";
import { answerFor, type AssistantAnswer } from "../api/chat/answer.js";
import { completionBody, type CompletionContext } from "../api/chat/completion.js";
import { completionId } from "../api/chat/ids.js";
import { toToolCallRequest } from "../api/chat/normalize.js";
import { sseBody, streamChunks } from "../api/chat/stream.js";
import { usageOf } from "../api/chat/usage.js";
import { ApiError, invalidRequest } from "../api/errors.js";
import { validateChatRequest } from "../api/validation/validate-request.js";
import { routeFeatures } from "../router/features.js";

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

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
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

async function chatCompletions(options: LocalOriginOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
      timings_ms: { validate: 0, model: Math.round((performance.now() - started) * 1000) / 1000, total: Math.round((performance.now() - started) * 1000) / 1000 },
    },
  };
  if (body.stream === true) {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
    res.end(sseBody(streamChunks(context, body.stream_options?.include_usage === true)));
    return;
  }
  send(res, 200, completionBody(context));
}

export async function startLocalOrigin(options: LocalOriginOptions): Promise<LocalOrigin> {
  const models = { object: "list", data: [{ id: options.caller.id, object: "model", created: 0, owned_by: "edgecall-local-origin" }] };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    const handle = async (): Promise<void> => {
      if (req.method === "GET" && (path === "/v1/models" || path === "/models")) return send(res, 200, models);
      if (req.method === "GET" && path === "/healthz") return send(res, 200, { status: "ok", model: options.caller.id, backend: options.backend });
      if (req.method === "POST" && (path === "/v1/chat/completions" || path === "/chat/completions")) return chatCompletions(options, req, res);
      throw new ApiError(`Unknown request URL: ${req.method ?? ""} ${path}.`, { status: 404, type: "invalid_request_error", code: "unknown_url" });
    };
    handle().catch((error: unknown) => {
      const known = error instanceof ApiError ? error : undefined;
      if (!known) console.error(`local origin: unhandled ${error instanceof Error ? error.name : typeof error}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = known?.status ?? 500;
      send(res, status, known?.toBody() ?? { error: { message: "The local origin had an error.", type: "server_error", param: null, code: "internal_error" } });
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
