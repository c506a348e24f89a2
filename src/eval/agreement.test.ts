import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { DecodedCall, ToolCallResult } from "../caller/types.js";
import { agreement, sameAnswer } from "./agreement.js";
import type { CaseOutcome } from "./report.js";

function call(name: string, args: Record<string, unknown>, confidence = 0.9): DecodedCall {
  return { name, arguments: args, confidence, argument_confidence: {} };
}

function calls(...list: DecodedCall[]): ToolCallResult {
  return { kind: "calls", calls: list, confidence: 0.5 };
}

describe("sameAnswer", () => {
  it("compares calls by name and argument values, not by key order, call order or confidence", () => {
    const a = calls(call("track", { id: "A1", carrier: "ups" }), call("track", { id: "B2" }));
    const b = calls(call("track", { id: "B2" }, 0.1), call("track", { carrier: "ups", id: "A1" }, 0.2));
    expect(sameAnswer(a, b)).toBe(true);
  });

  it("tells calls apart by one argument value, a nested value, an extra argument or a repeated call", () => {
    const base = calls(call("ship", { to: { city: "Riga" }, qty: 2 }));
    expect(sameAnswer(base, calls(call("ship", { to: { city: "Riga" }, qty: 3 })))).toBe(false);
    expect(sameAnswer(base, calls(call("ship", { to: { city: "Oslo" }, qty: 2 })))).toBe(false);
    expect(sameAnswer(base, calls(call("ship", { to: { city: "Riga" }, qty: 2, gift: true })))).toBe(false);
    expect(sameAnswer(base, calls(call("ship", { to: { city: "Riga" }, qty: 2 }), call("ship", { to: { city: "Riga" }, qty: 2 })))).toBe(false);
    expect(sameAnswer(base, calls(call("ship", { to: { city: "Riga" }, qty: "2" })))).toBe(false);
  });

  it("compares missing arguments as sets, and the other kinds by kind", () => {
    const missing = (...parameters: string[]): ToolCallResult => ({ kind: "missing", missing: [{ name: "ship", parameters }], confidence: 0.4 });
    expect(sameAnswer(missing("city", "zip"), missing("zip", "city"))).toBe(true);
    expect(sameAnswer(missing("city"), missing("city", "zip"))).toBe(false);
    expect(sameAnswer({ kind: "no_call", confidence: 0.9 }, { kind: "no_call", confidence: 0.2 })).toBe(true);
    expect(sameAnswer({ kind: "no_call", confidence: 0.9 }, { kind: "not_expressible", reason: "x", confidence: 0.9 })).toBe(false);
    expect(sameAnswer({ kind: "no_call", confidence: 0.9 }, calls())).toBe(false);
    expect(sameAnswer(undefined, { kind: "no_call", confidence: 1 })).toBe(false);
  });
});

describe("agreement", () => {
  const outcome = (id: string, result: ToolCallResult): CaseOutcome => ({ id, category: "c", passed: false, result });
  it("counts the cases both runs answered alike, and lists the differing and unmatched ids", () => {
    const first = [outcome("a", calls(call("f", { x: 1 }))), outcome("b", { kind: "no_call", confidence: 1 }), outcome("c", calls())];
    const second = [outcome("b", calls(call("f", { x: 1 }))), outcome("a", calls(call("f", { x: 1 }))), outcome("d", calls())];
    expect(agreement(first, second)).toEqual({ cases: 2, same: 1, differing: ["b"], unmatched: ["c", "d"] });
  });
});

describe("scripts/agreement.ts", () => {
  it("prints each category's share of same answers, the differing ids and the overall line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edgecall-agreement-"));
    const report = (name: string, second: ToolCallResult): string => {
      const file = join(dir, name);
      const cases: CaseOutcome[] = [
        { id: "call_0", category: "call", passed: true, result: calls(call("f", { x: 1 })) },
        { id: "call_1", category: "call", passed: false, result: second },
        { id: "nocall_0", category: "nocall", passed: true, result: { kind: "no_call", confidence: 0.9 } },
      ];
      writeFileSync(file, JSON.stringify({ cases }));
      return file;
    };
    const a = report("a.json", calls(call("f", { x: 2 })));
    const b = report("b.json", calls(call("f", { x: 3 })));
    const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/agreement.ts", a, b], { cwd: join(import.meta.dirname, "../..") });
    const lines = stdout.trim().split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^call\s+1\/2\s+50\.0%$/));
    expect(lines).toContainEqual(expect.stringMatching(/^nocall\s+1\/1\s+100\.0%$/));
    expect(lines).toContain("answered differently: call_1");
    expect(lines[lines.length - 1]).toBe("same answers: 2/3 (66.7%)");
  }, 30_000);
});
