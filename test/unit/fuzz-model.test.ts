/**
 * The fuzz suite's share through the shipped model (onnxruntime-node, the worker's graphs and code): generated
 * requests with odd Unicode, huge numbers, deep nesting and hostile schemas reach the tool-set compiler, the
 * schema encoder, the reader and the decoder; none may answer 5xx, and calls must name an offered tool. A few
 * hundred per run (every new tool set runs the schema encoder); test/unit/fuzz-app.test.ts does the 10,000.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/api/app.js";
import { createNodeRuntime } from "../../src/engine/node.js";
import { createModelToolCaller } from "../../src/model/caller.js";
import { loadShippedConfig, MODEL_DIR } from "../../src/model/testing/load-config.js";
import { reportTruncation } from "../../src/model/truncation.js";
import { checkFuzzSample } from "../support/fuzz-check.js";
import { benignRequests, hostileSchemaRequests, type FuzzSample } from "../support/fuzz-requests.js";
import { fuzzSettings } from "../support/fuzz-settings.js";

let app: ReturnType<typeof createApp>;
beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  const config = loadShippedConfig();
  const caller = createModelToolCaller(createNodeRuntime({ backend: "ort-node", modelDir: MODEL_DIR }), config);
  app = createApp({ caller: reportTruncation(caller, config.max_conversation_tokens), backend: "ort-node" });
});
afterAll(() => vi.restoreAllMocks());

const { seed, scale } = fuzzSettings();

const RUNS = 250;

async function fuzz(samples: fc.Arbitrary<FuzzSample>): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(samples, async (sample) => {
      const status = await checkFuzzSample(app, sample);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }),
    { numRuns: RUNS * scale, seed },
  );
  return statuses;
}

describe("fuzz through the shipped model: no 5xx, every error in OpenAI's shape", () => {
  it(
    "well-formed requests: 200, or a 400 from the tool-set compiler",
    async () => {
      const statuses = await fuzz(benignRequests(3).map((sample) => ({ ...sample, expect: "either" as const })));
      // most reach the model and answer
      expect(statuses.get(200) ?? 0).toBeGreaterThan((RUNS * scale) / 2);
    },
    240_000 * scale,
  );

  it(
    "hostile schemas: 200 or 400",
    async () => {
      const statuses = await fuzz(hostileSchemaRequests(3));
      expect([...statuses.keys()].sort()).toEqual([200, 400]);
    },
    240_000 * scale,
  );
});
