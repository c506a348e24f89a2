/**
 * npx tsx scripts/differential-bfcl.ts [--dir ../shared/bfcl] [--values N]
 *
 * The validators' differential test (src/validate/differential.test.ts) over every function schema in BFCL's
 * question files (outside the repository, evaluation data only): each parameters schema, converted as the eval
 * converts it (src/eval/gorilla.ts), is compiled by the build's AJV setup into standalone code and checked against
 * the request-time validator on N values built from it (conforming, near-misses, unrelated JSON). Prints schemas,
 * verdicts, disagreements (each one) and the schemas AJV refuses to compile (with the reason).
 */
import fc from "fast-check";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readJsonLines } from "../src/eval/dataset.js";
import { convertSchema, type GorillaFunction } from "../src/eval/gorilla.js";
import { requestTimeCheck } from "../src/structured/answer.js";
import { foldNullable } from "../src/tools/compile.js";
import type { JSONSchema } from "../src/tools/schema-types.js";
import { loadStandalone } from "../src/validate/standalone.js";
import { casesArb, type Schema } from "../src/validate/testing/arbitraries.js";

const { values } = parseArgs({
  options: { dir: { type: "string", default: join(import.meta.dirname, "../../shared/bfcl") }, values: { type: "string", default: "20" } },
});
const perSchema = Number(values.values);
const seen = new Set<string>();
const schemas: Schema[] = [];
for (const file of readdirSync(values.dir).filter((name) => name.startsWith("BFCL_") && name.endsWith(".json"))) {
  for (const entry of readJsonLines(join(values.dir, file)) as Array<{ function?: GorillaFunction[] }>) {
    for (const fn of entry.function ?? []) {
      const schema = convertSchema(fn.parameters ?? { type: "dict", properties: {} }) as Schema;
      const key = JSON.stringify(schema);
      if (seen.has(key)) continue;
      seen.add(key);
      schemas.push(schema);
    }
  }
}

let verdicts = 0;
let valid = 0;
const disagreements: string[] = [];
const refused = new Map<string, number>();
for (const [index, schema] of schemas.entries()) {
  let ajv: (value: unknown) => boolean;
  try {
    const { $schema: _dialect, ...rest } = foldNullable(schema) as Schema;
    ajv = loadStandalone(rest);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/"[^"]*"/g, '"…"').slice(0, 120);
    refused.set(reason, (refused.get(reason) ?? 0) + 1);
    continue;
  }
  const check = requestTimeCheck(schema as JSONSchema);
  const cases = fc.sample(casesArb(schema, { min: perSchema, max: perSchema }), { numRuns: 1, seed: index })[0] ?? [];
  for (const value of cases.map((v) => JSON.parse(JSON.stringify(v)) as unknown)) {
    const a = ajv(value);
    const c = check(value);
    verdicts += 1;
    if (a) valid += 1;
    if (a !== c.valid)
      disagreements.push(`AJV ${a}, cfworker ${c.valid} (${c.errors.join("; ")}) for ${JSON.stringify(value)} under ${JSON.stringify(schema)}`);
  }
}
for (const line of disagreements) console.log(`disagreement: ${line}`);
for (const [reason, count] of refused) console.log(`AJV refused ${count}: ${reason}`);
console.log(
  `bfcl: ${schemas.length} distinct schemas, ${verdicts} verdicts (${valid} valid), ${disagreements.length} disagreements, ${[...refused.values()].reduce((a, b) => a + b, 0)} schemas AJV refused`,
);
