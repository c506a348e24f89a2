/**
 * Chat completions with `response_format` json_schema / json_object. A json_schema with an object at its root is
 * answered at the edge as one forced extraction (src/structured): `message.content` is the JSON text of a value
 * that validates against the schema. The origin answers, when one is configured, what the edge cannot fill (a
 * required value it cannot point at, one only answered "" for "not stated", an unsure reading, a complex window),
 * json_object, schemas without an object root, and response formats together with tools; without an origin these
 * get a `message.refusal` (what the edge could not fill) or a 400 (what the edge never answers).
 */
import type { ToolCaller, ToolCallRequest } from "../../caller/types.js";
import { checkBounds, type Limits } from "../../bounds/index.js";
import { Deadline, isOriginError, OriginError, type OriginClient, type OriginCompletion, type OriginRequest } from "../../origin/index.js";
import { afterEdge, planRoute, routeFeatures, type RouterThresholds } from "../../router/index.js";
import { registeredResponseCheck } from "../../registry/index.js";
import { judgeExtraction, requestTimeCheck, type Extraction, type SchemaCheck } from "../../structured/answer.js";
import { extractionRequest, extractionTool } from "../../structured/synthetic.js";
import type { ResponseFormat } from "../../structured/format.js";
import type { JSONSchema } from "../../tools/schema-types.js";
import { ToolSetError } from "../../tools/errors.js";
import { strictest } from "../../validate/strictest.js";
import type { AssistantAnswer } from "../chat/answer.js";
import { elapsed, type Route } from "../chat/metadata.js";
import { originFailure, type Served } from "../chat/routed.js";
import { isObject } from "../../structured/is-object.js";

export interface StructuredInput {
  caller: ToolCaller;
  origin: OriginClient | undefined;
  thresholds: RouterThresholds;
  limits: Limits;
  request: ToolCallRequest;
  format: Exclude<ResponseFormat, { kind: "text" }>;
  model: string;
  /** Sampling fields passed to the origin as sent. */
  extra: Record<string, unknown>;
  /** The validator of a registered response schema (src/registry), else one built at request time without codegen. */
  check?: SchemaCheck;
}

function rootIsObject(schema: JSONSchema): boolean {
  const type = schema.type;
  return (
    (type === "object" || (Array.isArray(type) && type.length === 1 && type[0] === "object")) &&
    schema.anyOf === undefined &&
    schema.oneOf === undefined
  );
}

/** Errors about the synthetic tool point into response_format instead. */
function inResponseFormat(error: ToolSetError): ToolSetError {
  const from = "tools[0].function.parameters";
  const to = "response_format.json_schema.schema";
  const param = error.param.startsWith(from) ? to + error.param.slice(from.length) : error.param;
  return new ToolSetError(error.message.split(from).join(to), param, error.code);
}

function unsupported(message: string, param: string): ToolSetError {
  return new ToolSetError(message, param, "unsupported_response_format");
}

function contentAnswer(content: string): AssistantAnswer {
  return { content, tool_calls: [], finish_reason: "stop", extensions: {} };
}

function refusal(reason: string): AssistantAnswer {
  return {
    content: null,
    tool_calls: [],
    finish_reason: "stop",
    extensions: { refusal: `I can't fill this response format from the conversation: ${reason}.` },
  };
}

/** The origin's answer as structured content: JSON that is an object (json_object) or validates (json_schema). */
function checkedContent(completion: OriginCompletion, format: StructuredInput["format"], check: SchemaCheck | undefined): string {
  if (completion.tool_calls.length > 0) throw new OriginError("invalid_tool_call", "the origin called a tool where structured content was asked for");
  let value: unknown;
  try {
    value = JSON.parse(completion.content ?? "");
  } catch {
    throw new OriginError("invalid_tool_call", "the origin's content is not JSON");
  }
  if (format.kind === "json_object" && !isObject(value)) throw new OriginError("invalid_tool_call", "the origin's content is not a JSON object");
  const verdict = check?.(value);
  if (verdict !== undefined && !verdict.valid)
    throw new OriginError("invalid_tool_call", `the origin's content does not validate (${verdict.errors.join("; ")})`);
  return JSON.stringify(value);
}

/** A registered schema's AJV standalone check (with the request-time one where they could differ), else the request-time one. */
function responseCheck(schema: JSONSchema): SchemaCheck {
  const atRequest = requestTimeCheck(schema);
  const registered = registeredResponseCheck(schema);
  return registered === undefined ? atRequest : strictest(registered, schema, atRequest);
}

export async function serveStructured(input: StructuredInput): Promise<Served> {
  const { format, origin, request } = input;
  const schema = format.kind === "json_schema" ? format.schema : undefined;
  const check = schema === undefined ? undefined : (input.check ?? responseCheck(schema));
  const withTools = request.tools.length > 0 && request.tool_choice !== "none";
  const reasons: string[] = [];
  let modelMs = 0;
  const responseFormat =
    format.kind === "json_object"
      ? { type: "json_object" }
      : {
          type: "json_schema",
          json_schema: {
            name: format.name,
            ...(format.description === undefined ? {} : { description: format.description }),
            ...(schema === undefined ? {} : { schema }),
            strict: format.strict,
          },
        };

  const viaOrigin = async (client: OriginClient, fallback: Extraction | undefined): Promise<Served> => {
    const originRequest: OriginRequest = { ...request, model: input.model, extra: { ...input.extra, response_format: responseFormat } };
    const deadline = new Deadline(client.settings.timeoutMs);
    const started = performance.now();
    try {
      const completion = await client.complete(originRequest, deadline);
      if (withTools && completion.tool_calls.length > 0)
        throw new OriginError("invalid_tool_call", "tool calls with a response format are not forwarded");
      const content = checkedContent(completion, format, check);
      const outcome = {
        route: "origin" as Route,
        reasons,
        result: "text" as const,
        confidence: null,
        modelMs,
        originMs: elapsed(started),
        ...(completion.model === null ? {} : { originModel: completion.model }),
      };
      return { kind: "answer", answer: contentAnswer(content), usage: completion.usage, outcome };
    } catch (error) {
      if (!isOriginError(error)) throw error;
      reasons.push(error.reason);
      if (fallback?.kind !== "answer") throw originFailure(error);
      const served = edgeServed(fallback, "edge_fallback");
      served.outcome.originMs = elapsed(started);
      return served;
    } finally {
      deadline.dispose();
    }
  };
  const edgeServed = (extraction: Extraction, route: Route): Served & { kind: "answer" } => ({
    kind: "answer",
    answer: extraction.kind === "answer" ? contentAnswer(extraction.content) : refusal(extraction.reason),
    usage: null,
    outcome: {
      route,
      reasons,
      result: extraction.kind === "answer" ? "text" : "not_expressible",
      confidence: extraction.confidence,
      modelMs,
      originMs: 0,
    },
  });

  if (format.kind === "json_object" || schema === undefined || !rootIsObject(schema) || withTools) {
    reasons.push(schema === undefined ? "json_object" : withTools ? "response_format_with_tools" : "schema_root_not_object");
    if (origin !== undefined) return viaOrigin(origin, undefined);
    const what =
      schema === undefined
        ? "response_format 'json_object' (and json_schema without a schema)"
        : withTools
          ? "response_format together with tools"
          : "a json_schema whose root is not an object";
    throw unsupported(
      `${what} is answered only by an origin model, and none is configured: use response_format 'json_schema' with an object schema.`,
      schema === undefined ? "response_format.type" : withTools ? "response_format" : "response_format.json_schema.schema.type",
    );
  }

  const tool = extractionTool(format.name, format.description, schema);
  const extraction = extractionRequest(request.messages, tool);
  let judged: Extraction;
  const started = performance.now();
  try {
    checkBounds([tool], input.limits);
    judged = judgeExtraction(await input.caller.call(extraction), schema, check ?? requestTimeCheck(schema));
  } catch (error) {
    if (error instanceof ToolSetError) throw inResponseFormat(error);
    throw error;
  } finally {
    modelMs += elapsed(started);
  }
  const plan = planRoute(routeFeatures(extraction), input.thresholds, origin !== undefined);
  reasons.push(...plan.reasons);
  if (origin === undefined) return edgeServed(judged, "edge");
  if (judged.kind === "answer" && judged.unstated.length === 0 && plan.decision !== "origin") {
    const after = afterEdge({ kind: "calls", calls: [], confidence: judged.confidence }, input.thresholds);
    reasons.push(after.reason);
    if (after.keep) return edgeServed(judged, "edge");
  } else {
    reasons.push(judged.kind === "answer" ? "unstated_fields" : "unfilled");
  }
  return viaOrigin(origin, judged);
}
