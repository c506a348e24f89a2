/** Hostile tool schemas through the app: each is a 400 in OpenAI's shape naming the limit and the param, before any model work. */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { postJson } from "../support/requests.js";
import { fanout } from "../support/hostile-schemas.js";
import { echoFirstTool, scriptedCaller } from "../support/scripted-caller.js";

const fanoutRequired = (depth: number, width: number): unknown => fanout(depth, width, true);

const fn = (name: string, parameters: unknown) => ({ type: "function", function: { name, description: "A tool", parameters } });

const enumOf = (n: number) => ({ type: "object", properties: { option: { type: "string", enum: Array.from({ length: n }, (_, i) => `opt${i}`) } } });

const attacks: [string, unknown, string, string][] = [
  ["$ref fan-out 12 x 2", fanoutRequired(12, 2), "limit_exceeded", "tools[0].function.parameters.properties.root.$ref"],
  ["$ref fan-out 10 x 4", fanoutRequired(10, 4), "limit_exceeded", "tools[0].function.parameters.properties.root.$ref"],
  ["2,000 enum options", enumOf(2000), "limit_exceeded", "tools[0].function.parameters.properties.option.enum"],
  ["20,000 enum options", enumOf(20000), "limit_exceeded", "tools[0].function.parameters.properties.option.enum"],
  [
    "a bad percent-escape",
    { type: "object", properties: { id: { $ref: "#/$defs/%E0%A4%A" } }, $defs: { id: { type: "string" } } },
    "invalid_ref",
    "tools[0].function.parameters.properties.id.$ref",
  ],
  [
    "a backreference",
    { type: "object", properties: { id: { type: "string", pattern: "^(a)\\1$" } } },
    "unsupported_pattern",
    "tools[0].function.parameters.properties.id.pattern",
  ],
];

describe("hostile tool schemas", () => {
  it.each(attacks)("%s -> 400 naming the limit and param, the caller never runs", async (_label, parameters, code, param) => {
    const caller = scriptedCaller(echoFirstTool);
    const app = createApp({ caller, backend: "test-double" });
    const body = { model: "edgecall", messages: [{ role: "user", content: "Store the value blue" }], tools: [fn("store", parameters)] };
    const response = await app.request("/v1/chat/completions", postJson(body));
    expect(response.status).toBe(400);
    const json = (await response.json()) as { error: { message: string; type: string; param: string | null; code: string | null } };
    expect(json.error).toMatchObject({ type: "invalid_request_error", code });
    expect(json.error.param?.startsWith(param)).toBe(true);
    if (code === "limit_exceeded") expect(json.error.message).toMatch(/MAX_[A-Z_]+ = \d+/);
    expect(caller.requests).toHaveLength(0);
  });

  it("lets the limits be configured per deployment", async () => {
    const app = createApp({ caller: scriptedCaller(echoFirstTool), backend: "test-double" });
    const body = { model: "edgecall", messages: [{ role: "user", content: "hi" }], tools: [fn("pick", enumOf(20))] };
    expect((await app.request("/v1/chat/completions", postJson(body))).status).toBe(200);
    const limited = await app.request("/v1/chat/completions", postJson(body), { MAX_ENUM_OPTIONS: "10" });
    expect(limited.status).toBe(400);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toContain("MAX_ENUM_OPTIONS = 10");
  });
});
