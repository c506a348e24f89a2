/** The pass registry: ids unique, every stage named, every pass that can be turned off shown on an example. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PASSES, passesWithout, STAGES, UnknownPassError } from "./passes.js";

const TABLES = ["decide/passes.test.ts", "assemble/passes.test.ts", "parse/passes.test.ts"];

describe("the pass registry", () => {
  it("names each pass once, in a known stage, with an example", () => {
    const ids = PASSES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const pass of PASSES) {
      expect(STAGES).toContain(pass.stage);
      expect(pass.example.length).toBeGreaterThan(10);
    }
  });

  it("has a table-driven example for every pass --without can turn off", () => {
    const tabled = new Set(
      TABLES.flatMap((file) => [...readFileSync(join(import.meta.dirname, file), "utf8").matchAll(/pass: "([a-z-]+)"/g)].map((m) => m[1])),
    );
    const untested = PASSES.filter((p) => !p.core && !tabled.has(p.id)).map((p) => p.id);
    expect(untested).toEqual([]);
  });

  it("gates code only by the ids of registered passes (a misspelt id would never turn off)", () => {
    const sources = readdirSync(import.meta.dirname, { recursive: true, encoding: "utf8" }).filter(
      (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
    );
    const gated = sources.flatMap((file) =>
      [...readFileSync(join(import.meta.dirname, file), "utf8").matchAll(/\bruns\("([^"]+)"\)/g)].map((m) => m[1]),
    );
    expect(gated.length).toBeGreaterThan(0);
    const ids = new Set(PASSES.map((p) => p.id));
    expect(gated.filter((id) => !ids.has(id as string))).toEqual([]);
  });

  it("refuses unknown ids and core steps", () => {
    expect(() => passesWithout(["no-such-pass"])).toThrow(UnknownPassError);
    expect(() => passesWithout(["allowed-tools"])).toThrow(/core/);
    expect([...passesWithout(["units", "restates"])]).toEqual(["units", "restates"]);
  });
});
