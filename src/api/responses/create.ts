/**
 * POST /v1/responses: read and validate, continue the chain of `previous_response_id` from the memory, run the
 * shared pipeline (bounds, guard, router, edge / origin), store the turn as one immutable record, and answer with
 * the Responses object as JSON or as the Responses event stream.
 */
import type { Handler } from "hono";
import type { ToolCallRequest } from "../../caller/types.js";
import { encodeVector, memoryRegistry, readMemorySettings, slotsOf, tenantOf, type ChainRead, type MemoryStore } from "../../memory/index.js";
import { ToolSetError } from "../../tools/errors.js";
import { sha256Hex } from "../../tools/hash.js";
import { startStopwatch } from "../chat/metadata.js";
import { readJsonBody } from "../chat/read-json.js";
import { usageOf } from "../chat/usage.js";
import { invalidRequest } from "../errors.js";
import { runPipeline, type PipelineDependencies } from "../pipeline.js";
import type { Env } from "../settings.js";
import { newResponseToken, responseId } from "./ids.js";
import { readInput, readToolChoice, readTools, referencedItems, refuseUnsupported, type StoredItem } from "./input.js";
import { continueChain, reportOf, turnRecord, type MemoryReport } from "./memory.js";
import { answerMessages, outputItems, responseObject, responsesUsage, type ResponseFrame } from "./output.js";
import { resolveReferences } from "./references.js";
import type { ResponsesRequest } from "./request-types.js";
import { eventStreamBody, responseEvents } from "./stream.js";
import { validateResponsesRequest } from "./validate.js";
import { queryVector, recording, turnVector } from "./vectors.js";

export type MemoryLookup = ReturnType<typeof memoryRegistry>;

export interface ResponsesDependencies extends PipelineDependencies {
  memory: MemoryLookup;
}

const SSE_HEADERS = { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache" };
const SAMPLING = ["temperature", "top_p", "user"] as const;

function samplingOf(body: ResponsesRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of SAMPLING) if (body[field] !== undefined && body[field] !== null) out[field] = body[field];
  if (typeof body.max_output_tokens === "number") out.max_tokens = body.max_output_tokens;
  return out;
}

/** Tool errors name chat's paths (`tools[0].function.parameters`); the Responses tools are flat (`tools[0].parameters`). */
function flatToolParam(error: ToolSetError): ToolSetError {
  const flat = (text: string): string => text.replace(/(tools\[\d+\])\.function\b/g, "$1");
  return new ToolSetError(flat(error.message), flat(error.param), error.code);
}

const vectorText = (vector: Float32Array | undefined): string | null => (vector === undefined ? null : encodeVector(vector));

export function createResponse(deps: ResponsesDependencies): Handler<{ Bindings: Env }> {
  return async (c) => {
    const watch = startStopwatch();
    const body = validateResponsesRequest(await readJsonBody(c));
    refuseUnsupported(body);
    const tools = readTools(body);
    const toolChoice = readToolChoice(body, tools);
    const tenant = await tenantOf(c.req.header("Authorization"));
    const store: MemoryStore | undefined = deps.memory(c.env?.MEMORY, readMemorySettings(c.env));

    const resolved = await resolveReferences(store, tenant, referencedItems(body.input));
    const turn = readInput(body.input, resolved);
    const settings = { tools, tool_choice: toolChoice, parallel_tool_calls: body.parallel_tool_calls ?? true };
    const previousId = body.previous_response_id ?? undefined;
    const chain: ChainRead | undefined =
      previousId === undefined
        ? undefined
        : await continueChain(store, tenant, previousId, turn.messages, () => queryVector(deps.caller, turn.messages, settings));
    if (turn.messages.length === 0 && chain === undefined)
      throw invalidRequest("Missing required parameter: 'input'.", "input", "missing_required_parameter");

    const instructions =
      typeof body.instructions === "string" && body.instructions !== "" ? [{ role: "system" as const, content: body.instructions }] : [];
    const request: ToolCallRequest = { messages: [...instructions, ...(chain?.messages ?? []), ...turn.messages], ...settings };
    const edge = recording(deps.caller);
    let pipeline;
    try {
      pipeline = await runPipeline(
        c,
        { ...deps, caller: edge.caller },
        { request, model: body.model, stream: false, extra: samplingOf(body), watch },
      );
    } catch (error) {
      throw error instanceof ToolSetError ? flatToolParam(error) : error;
    }
    const { served } = pipeline;
    if (served.kind !== "answer") throw new Error("the pipeline streamed although a whole answer was asked for");

    const token = newResponseToken();
    const frame: ResponseFrame = { id: responseId(token), created_at: Math.floor(Date.now() / 1000), model: deps.caller.id, request: body };
    const output = outputItems(served.answer, token);
    const usage = responsesUsage(served.usage ?? usageOf(request, served.answer));
    const edgecall = pipeline.metadata(served.outcome);
    const wanted = body.store !== false;
    const extensions = (memory: MemoryReport): Record<string, unknown> => ({ x_edgecall: { ...edgecall, memory } });

    let memory: MemoryReport = reportOf(wanted ? (store === undefined ? "no_kv" : { stored: true }) : "store_false", chain);
    if (wanted && store !== undefined) {
      const record = turnRecord({
        id: frame.id,
        created_at: frame.created_at,
        previous: chain?.previous,
        tool_set: tools.length === 0 ? null : await sha256Hex(JSON.stringify(tools)),
        messages: [...turn.messages, ...answerMessages(served.answer)],
        memory: vectorText(turnVector(edge.last(), turn.messages.length)),
        slots: slotsOf([...turn.messages, ...answerMessages(served.answer)]),
        response: responseObject(frame, output, usage, extensions(memory)),
        input_items: turn.items as StoredItem[],
      });
      memory = reportOf(await store.write(tenant, record), chain);
    }
    const completed = responseObject(frame, output, usage, extensions(memory));
    if (body.stream !== true) return c.json(completed);
    const started = responseObject(frame, [], null, {}, "in_progress");
    return c.body(eventStreamBody(responseEvents(started, completed, output)), 200, SSE_HEADERS);
  };
}
