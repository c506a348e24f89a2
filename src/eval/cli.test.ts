import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startFaultOrigin } from "../../test/support/fault-origin.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");

const fn = {
  name: "order.track",
  description: "Track an order",
  parameters: { type: "dict", properties: { order_id: { type: "string" }, weight: { type: "float" } }, required: ["order_id"] },
};

/** Five BFCL-format questions (call, missing, no call, irrelevance, multi-turn) and four answers, written to dir. */
function writeDataset(dir: string): { questions: string; answers: string } {
  const questions = join(dir, "q.json");
  const answers = join(dir, "a.json");
  const question = (id: string, content: string): string => JSON.stringify({ id, question: [[{ role: "user", content }]], function: [fn] });
  writeFileSync(
    questions,
    [
      question("simple_0", "Track order A-100"),
      question("shop_missing_0", "Track my order"),
      question("shop_nocall_0", "Hello there"),
      question("irrelevance_0", "What is the capital of France?"),
      JSON.stringify({
        id: "shop_multiturn_0",
        question: [
          [
            { role: "user", content: "Track order B-2" },
            {
              role: "assistant",
              content: null,
              tool_calls: [{ id: "c1", type: "function", function: { name: "order.track", arguments: '{"order_id":"B-2"}' } }],
            },
            { role: "tool", tool_call_id: "c1", content: "in transit" },
            { role: "user", content: "and order C-3?" },
          ],
        ],
        function: [fn],
      }),
    ].join("\n"),
  );
  writeFileSync(
    answers,
    [
      JSON.stringify({ id: "simple_0", ground_truth: [{ "order.track": { order_id: ["A-100"], weight: [""] } }] }),
      JSON.stringify({ id: "shop_missing_0", missing: { "order.track": ["order_id"] } }),
      JSON.stringify({ id: "shop_nocall_0", no_call: true }),
      JSON.stringify({ id: "shop_multiturn_0", ground_truth: [{ "order.track": { order_id: ["C-3"] } }] }),
    ].join("\n"),
  );
  return { questions, answers };
}

describe("npm run eval", () => {
  it("scores BFCL-format questions with the real caller and ends with the overall line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edgecall-eval-"));
    const { questions, answers } = writeDataset(dir);
    const out = join(dir, "out.json");
    const { stdout } = await run(
      "npx",
      ["tsx", "src/eval/cli.ts", "--questions", questions, "--answers", answers, "--json", out, "--backend", "ort-node"],
      { cwd: ROOT },
    );
    const lines = stdout.trim().split("\n");
    const last = lines[lines.length - 1] ?? "";
    expect(last).toMatch(/^overall: \d+\/5 \(\d+\.\d%\)$/);
    expect(lines).toContainEqual(expect.stringMatching(/^schema-valid calls: (\d+)\/\1$/));
    for (const category of ["simple", "shop_missing", "shop_nocall", "irrelevance", "shop_multiturn"]) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${category}\\s+\\d/1\\s+\\d+\\.\\d%$`)));
    }
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^risk-coverage \(accuracy of the most confident\): 25% [\d.]+%, 50% [\d.]+%, 75% [\d.]+%, 100% [\d.]+%; calibration error \d\.\d{3}/,
      ),
    );
    const report = JSON.parse(readFileSync(out, "utf8")) as {
      cases: Array<{ id: string; passed: boolean; reason?: string; result?: { kind: string }; features?: number[] | null }>;
      summary: { passed: number };
      feature_names: string[];
    };
    expect(report.cases).toHaveLength(5);
    for (const c of report.cases) expect(c.features).toHaveLength(report.feature_names.length);
    expect(last).toContain(`overall: ${report.summary.passed}/5`);
    for (const c of report.cases) {
      expect(c.result).toBeDefined();
      if (!c.passed) expect(c.reason).toBeTruthy();
    }
  }, 60_000);

  it("documents --without, refuses unknown and core passes, and decodes with a pass off", async () => {
    const { stdout: help } = await run("npx", ["tsx", "src/eval/cli.ts", "--help"], { cwd: ROOT });
    expect(help).toContain("--without");
    expect(help).toMatch(/schema-order/);
    const dir = mkdtempSync(join(tmpdir(), "edgecall-eval-"));
    const { questions, answers } = writeDataset(dir);
    const args = ["tsx", "src/eval/cli.ts", "--questions", questions, "--answers", answers, "--backend", "ort-node"];
    await expect(run("npx", [...args, "--without", "no-such-pass"], { cwd: ROOT })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("no decoding pass 'no-such-pass'"),
    });
    await expect(run("npx", [...args, "--without", "allowed-tools"], { cwd: ROOT })).rejects.toMatchObject({ code: 2 });
    const { stdout } = await run("npx", [...args, "--without", "schema-order,units"], { cwd: ROOT });
    expect(stdout.trim().split("\n").pop()).toMatch(/^overall: \d+\/5 /);
  }, 90_000);

  it("gives the same report from its output cache as from the model", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edgecall-eval-"));
    const { questions, answers } = writeDataset(dir);
    const cache = join(dir, "cache");
    const report = async (name: string): Promise<unknown> => {
      const out = join(dir, name);
      await run(
        "npx",
        ["tsx", "src/eval/cli.ts", "--questions", questions, "--answers", answers, "--json", out, "--backend", "ort-node", "--cache", cache],
        { cwd: ROOT },
      );
      return (JSON.parse(readFileSync(out, "utf8")) as { cases: unknown }).cases;
    };
    const first = await report("first.json");
    const stored = readdirSync(cache).length;
    expect(stored).toBeGreaterThanOrEqual(6);
    expect(await report("second.json")).toEqual(first);
    expect(readdirSync(cache)).toHaveLength(stored);
  }, 60_000);

  it("--router routes each case as the worker does and scores the edge, the origin and both", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edgecall-eval-"));
    const { questions, answers } = writeDataset(dir);
    const evaluate = (...extra: string[]) =>
      run("npx", ["tsx", "src/eval/cli.ts", "--questions", questions, "--answers", answers, "--backend", "ort-node", "--router", ...extra], {
        cwd: ROOT,
      });
    const oracle = (await evaluate()).stdout;
    expect(oracle).toContain("router (origin: oracle)");
    expect(oracle).toMatch(/sent to the origin by: .*chit_chat 1/);
    const all = /^all\s+5\s+(\d+) \([\d.]+%\)\s+(\d+)\/\1 .*\s+(\d+)\/(\d+) \(100\.0%\)\s+(\d+)\/5/m.exec(oracle);
    expect(all).not.toBeNull();
    const [kept, keptRight, routed, endToEnd] = [all?.[1], all?.[2], all?.[4], all?.[5]].map(Number) as [number, number, number, number];
    expect(kept + routed).toBe(5);
    expect(endToEnd).toBe(keptRight + routed);
    expect(oracle.trim().split("\n").at(-1)).toMatch(/^overall: \d+\/5/);

    const upstream = await startFaultOrigin(() => ({ kind: "text", text: "No tool applies." }));
    try {
      const asked = (await evaluate("--origin", upstream.url)).stdout;
      expect(asked).toContain(`router (origin: ${upstream.url})`);
      expect(upstream.requests).toHaveLength(routed);
    } finally {
      await upstream.close();
    }
  }, 60_000);

  it("runs the model at the --window given, and refuses one outside the model's range", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edgecall-eval-"));
    const { questions, answers } = writeDataset(dir);
    const cache = join(dir, "cache");
    const evaluate = (...extra: string[]) =>
      run("npx", ["tsx", "src/eval/cli.ts", "--questions", questions, "--answers", answers, "--backend", "ort-node", "--cache", cache, ...extra], {
        cwd: ROOT,
      });
    await evaluate();
    const atDefault = readdirSync(cache).length;
    await evaluate("--window", "64");
    expect(readdirSync(cache).length).toBe(atDefault + 5); // five new main-graph runs: the window is one of their feeds
    await expect(evaluate("--window", "4")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--window must be an integer from 8 to 512"),
    });
  }, 60_000);
});
