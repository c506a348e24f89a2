/**
 * Fuzz suite through the Hono app with a scripted tool caller (the model is not needed to find crashes in the
 * API, the bounds, the guards, the router and the answer builders): 10,000 generated requests per run, each
 * answered without a 5xx, with the status its kind must get, every error in OpenAI's shape. The seed is fixed so CI
 * is repeatable; FUZZ_SEED=<n> (or `random`) and FUZZ_SCALE=<k> (k times the runs) explore further
 * (docs/limits.md). test/unit/fuzz-model.test.ts sends a few hundred through the shipped model.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/api/app.js";
import type { ToolCallRequest, ToolCallResult } from "../../src/caller/types.js";
import { reportTruncation } from "../../src/model/truncation.js";
import { checkFuzzSample } from "../support/fuzz-check.js";
import { authRequests, benignRequests, hostileRequests, malformedRequests, routeRequests, type FuzzSample } from "../support/fuzz-requests.js";
import { scriptedCaller } from "../support/scripted-caller.js";
import { fuzzSettings } from "../support/fuzz-settings.js";

/** Every kind of result, picked by the request's shape; calls fill each required parameter with user text. */
function anyResult(request: ToolCallRequest): ToolCallResult {
  const tool = request.tools[request.messages.length % Math.max(1, request.tools.length)];
  const text = request.messages[request.messages.length - 1]?.content ?? "";
  if (tool === undefined) return { kind: "no_call", confidence: 1 };
  const required = tool.function.parameters?.required ?? [];
  switch (request.messages.length % 4) {
    case 0:
      return { kind: "no_call", confidence: 0.5 };
    case 1:
      return { kind: "missing", missing: [{ name: tool.function.name, parameters: [...required] }], confidence: 0.4 };
    case 2:
      return { kind: "not_expressible", reason: "fuzz", confidence: 0.3 };
    default: {
      const args: Record<string, unknown> = {};
      for (const name of required)
        Object.defineProperty(args, name, { value: text.slice(0, 64), enumerable: true, writable: true, configurable: true });
      return { kind: "calls", calls: [{ name: tool.function.name, arguments: args, confidence: 0.9, argument_confidence: {} }], confidence: 0.9 };
    }
  }
}

const app = createApp({ caller: reportTruncation(scriptedCaller(anyResult), 512), backend: "test-double" });
const { seed, scale } = fuzzSettings();

/** Runs per kind; 10,000 in all at FUZZ_SCALE=1. */
const RUNS: [string, fc.Arbitrary<FuzzSample>, number][] = [
  ["well-formed requests with odd Unicode and huge numbers -> 200", benignRequests(), 3500],
  ["hostile schemas, raw huge numbers, invalid UTF-8, 100-140 tools -> 200 or 400", hostileRequests(), 3000],
  ["requests wrong in one known way -> 400 (413 over the body limit)", malformedRequests, 3000],
  ["API keys configured: the right key is served, any other header is a 401", authRequests, 300],
  ["wrong methods and unknown paths -> 405 / 404", routeRequests, 200],
];

describe("fuzz: the app never answers 5xx and every error has OpenAI's shape", () => {
  // the request log writes a line per request: 10,000 lines of noise here
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it("plans at least 10,000 requests per run", () => {
    expect(RUNS.reduce((sum, [, , runs]) => sum + runs, 0)).toBeGreaterThanOrEqual(10_000);
  });

  it.each(RUNS)(
    "%s",
    async (_label, arbitrary, runs) => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(arbitrary, async (sample) => {
          const status = await checkFuzzSample(app, sample);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }),
        { numRuns: runs * scale, seed },
      );
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(runs * scale);
    },
    240_000 * scale,
  );
});
