/**
 * The router in the chat-completions route: one plan per request (src/router), the edge pass when the plan has
 * one, the origin when the plan or the edge's answer asks for it (src/origin), and the fall-back when the origin
 * fails: the edge's own answer (`edge_fallback`, with the reason) when it has one, else a 502/504 in OpenAI's shape.
 */
import type { ResultNotes, ToolCaller, ToolCallRequest, ToolCallResult } from "../../caller/types.js";
import {
  checkOriginAnswer,
  Deadline,
  isOriginError,
  OriginError,
  type OriginClient,
  type OriginCompletion,
  type OriginEvent,
  type OriginRequest,
} from "../../origin/index.js";
import { afterEdge, planRoute, routeFeatures, type RouterThresholds } from "../../router/index.js";
import { ToolSetError } from "../../tools/errors.js";
import { ApiError } from "../errors.js";
import { answerFor, type AssistantAnswer } from "./answer.js";
import { toolCallId } from "./ids.js";
import type { OnOriginAnswer } from "./distill.js";
import { elapsed, type Route } from "./metadata.js";
import type { Usage } from "./usage.js";

export interface RouteOutcome {
  route: Route;
  reasons: string[];
  result: ToolCallResult["kind"] | "text";
  confidence: number | null;
  /** Milliseconds in the edge pass and at the origin. */
  modelMs: number;
  originMs: number;
  originModel?: string;
  /** The edge result's notes, when the edge answered. */
  notes?: ResultNotes;
}

export type Served =
  | { kind: "answer"; answer: AssistantAnswer; usage: Usage | null; outcome: RouteOutcome }
  /** The origin is streaming prose: `first` is its first content, `rest` the remainder, under `deadline`. */
  | {
      kind: "origin_stream";
      first: string;
      rest: AsyncGenerator<OriginEvent, void, void>;
      deadline: Deadline;
      outcome: RouteOutcome;
      request: ToolCallRequest;
      onAnswer: OnOriginAnswer | undefined;
    };

export interface ServeInput {
  caller: ToolCaller;
  origin: OriginClient | undefined;
  thresholds: RouterThresholds;
  request: ToolCallRequest;
  /** The model the client asked for (sent to the origin when ORIGIN_MODEL is unset). */
  model: string;
  stream: boolean;
  /** Sampling fields passed to the origin as sent. */
  extra: Record<string, unknown>;
  /** Called with each origin answer that validated (the distillation log). */
  onOriginAnswer?: OnOriginAnswer | undefined;
}

const SAMPLING_FIELDS = [
  "temperature",
  "top_p",
  "seed",
  "max_tokens",
  "max_completion_tokens",
  "presence_penalty",
  "frequency_penalty",
  "stop",
  "user",
];

export function samplingFields(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of SAMPLING_FIELDS) if (body[field] !== undefined && body[field] !== null) out[field] = body[field];
  return out;
}

/** With no tools, or tool_choice "none", there is nothing to decide: the model is not run. */
function needsModel(request: ToolCallRequest): boolean {
  return request.tools.length > 0 && request.tool_choice !== "none";
}

function originAnswer(completion: OriginCompletion): AssistantAnswer {
  const calls = completion.tool_calls.map((call) => ({
    id: toolCallId(),
    type: "function" as const,
    function: { name: call.name, arguments: JSON.stringify(JSON.parse(call.arguments)) },
  }));
  return {
    content: calls.length > 0 && (completion.content ?? "").trim() === "" ? null : completion.content,
    tool_calls: calls,
    finish_reason: calls.length > 0 ? "tool_calls" : "stop",
    extensions: {},
  };
}

function forced(request: ToolCallRequest, tool: string): ToolCallRequest {
  return { ...request, tool_choice: { type: "function", function: { name: tool } } };
}

/** The status and body when neither the origin nor the edge has an answer. */
export function originFailure(error: OriginError): ApiError {
  const timeout = error.kind === "timeout";
  return new ApiError(
    timeout
      ? "The origin model did not answer in time and the edge model cannot answer this request."
      : `The origin model could not answer (${error.reason}) and the edge model cannot answer this request.`,
    { status: timeout ? 504 : 502, type: "server_error", code: error.reason },
  );
}

export async function serveRouted(input: ServeInput): Promise<Served> {
  const { caller, origin, thresholds, request } = input;
  const plan = planRoute(routeFeatures(request), thresholds, origin !== undefined);
  const reasons = [...plan.reasons];
  let modelMs = 0;
  let edgePass: Promise<ToolCallResult> | undefined;
  /** One edge pass per request, shared by whoever asks first (the plan, or the fall-back). */
  const runEdge = (): Promise<ToolCallResult> => {
    edgePass ??= (async () => {
      const started = performance.now();
      try {
        return needsModel(request) ? await caller.call(request) : { kind: "no_call" as const, confidence: 1 };
      } finally {
        modelMs += elapsed(started);
      }
    })();
    return edgePass;
  };
  const edgeServed = (result: ToolCallResult, route: Route): Served => ({
    kind: "answer",
    answer: answerFor(result),
    usage: null,
    outcome: {
      route,
      reasons,
      result: result.kind,
      confidence: result.confidence,
      modelMs,
      originMs: 0,
      ...(result.notes ? { notes: result.notes } : {}),
    },
  });

  if (plan.decision === "edge" || origin === undefined) return edgeServed(await runEdge(), "edge");
  let edgeCanAnswer = true;
  if (plan.decision === "edge_then_origin") {
    try {
      const edge = await runEdge();
      const after = afterEdge(edge, thresholds);
      reasons.push(after.reason);
      if (after.keep) return edgeServed(edge, "edge");
    } catch (error) {
      if (!(error instanceof ToolSetError)) throw error;
      reasons.push("unsupported_schema");
      edgeCanAnswer = false;
    }
  }

  const originRequest: OriginRequest = { ...request, model: input.model, extra: input.extra };
  const deadline = new Deadline(origin.settings.timeoutMs);
  const started = performance.now();
  let streaming = false;
  try {
    const pending: Promise<FirstOfStream> = input.stream
      ? firstOfStream(origin, originRequest, deadline)
      : origin.complete(originRequest, deadline).then((completion) => ({ kind: "complete", completion }));
    // The edge's own answer is computed while the origin works, so a failing origin costs no extra time after
    // its deadline.
    if (edgeCanAnswer && plan.decision === "origin") void runEdge().catch(() => undefined);
    const completion = await pending;
    if (completion.kind === "streaming") {
      streaming = true;
      return {
        kind: "origin_stream",
        first: completion.first,
        rest: completion.rest,
        deadline,
        request,
        onAnswer: input.onOriginAnswer,
        outcome: { route: "origin", reasons, result: "text", confidence: null, modelMs, originMs: elapsed(started) },
      };
    }
    const checked = await validated(origin, originRequest, request, completion.completion, deadline, reasons);
    input.onOriginAnswer?.(checked, reasons);
    const answer = originAnswer(checked);
    return {
      kind: "answer",
      answer,
      usage: checked.usage,
      outcome: {
        route: "origin",
        reasons,
        result: answer.tool_calls.length > 0 ? "calls" : "text",
        confidence: null,
        modelMs,
        originMs: elapsed(started),
        ...(checked.model === null ? {} : { originModel: checked.model }),
      },
    };
  } catch (error) {
    if (!isOriginError(error)) throw error;
    reasons.push(error.reason);
    const originMs = elapsed(started);
    const fallback = edgeCanAnswer ? await runEdge().catch(() => undefined) : undefined;
    if (fallback === undefined || fallback.kind === "not_expressible") throw originFailure(error);
    const served = edgeServed(fallback, "edge_fallback");
    served.outcome.originMs = originMs;
    return served;
  } finally {
    if (!streaming) deadline.dispose();
  }
}

type FirstOfStream =
  { kind: "complete"; completion: OriginCompletion } | { kind: "streaming"; first: string; rest: AsyncGenerator<OriginEvent, void, void> };

/** Reads the origin's stream until it commits to prose (first content) or ends (a whole answer to check). */
async function firstOfStream(origin: OriginClient, request: OriginRequest, deadline: Deadline): Promise<FirstOfStream> {
  const events = origin.stream(request, deadline);
  const { value, done } = await events.next();
  if (done || value === undefined) throw new OriginError("truncated", "the origin's stream ended without an answer");
  if (value.type === "done") {
    await events.return();
    return { kind: "complete", completion: value.completion };
  }
  return { kind: "streaming", first: value.text, rest: events };
}

/** The guard on the origin's answer: an invalid call gets one retry with its tool forced, then fails over. */
async function validated(
  origin: OriginClient,
  originRequest: OriginRequest,
  request: ToolCallRequest,
  first: OriginCompletion,
  deadline: Deadline,
  reasons: string[],
): Promise<OriginCompletion> {
  const verdict = checkOriginAnswer(first, request);
  if (verdict.valid) return first;
  if (verdict.tool !== undefined) {
    reasons.push("origin_retry_forced_tool");
    const retryRequest = forced(request, verdict.tool);
    const second = await origin.complete({ ...originRequest, tool_choice: retryRequest.tool_choice }, deadline);
    const again = checkOriginAnswer(second, retryRequest);
    if (again.valid) return second;
    throw new OriginError("invalid_tool_call", again.reason);
  }
  throw new OriginError("invalid_tool_call", verdict.reason);
}
