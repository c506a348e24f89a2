/**
 * How often two eval reports (src/eval/cli.ts --json) answered alike, case by case (src/eval/agreement.ts), overall
 * and per category, with the ids of the cases answered differently.
 * usage: npx tsx scripts/agreement.ts <report A> <report B>
 */
import { readFileSync } from "node:fs";
import { agreement } from "../src/eval/agreement.js";
import type { CaseOutcome } from "../src/eval/report.js";

const [first, second] = process.argv.slice(2);
if (!first || !second) {
  console.error("usage: npx tsx scripts/agreement.ts <report A> <report B>");
  process.exit(2);
}
const cases = (file: string): CaseOutcome[] => (JSON.parse(readFileSync(file, "utf8")) as { cases: CaseOutcome[] }).cases;
const a = cases(first);
const b = cases(second);
const percent = (same: number, total: number): string => (total === 0 ? "0.0" : ((100 * same) / total).toFixed(1));

const categories = [...new Set(a.map((outcome) => outcome.category))];
for (const category of categories) {
  const inCategory = (list: CaseOutcome[]) => list.filter((outcome) => outcome.category === category);
  const result = agreement(inCategory(a), inCategory(b));
  console.log(`${category.padEnd(28)} ${`${result.same}/${result.cases}`.padStart(9)}  ${percent(result.same, result.cases).padStart(5)}%`);
}
const all = agreement(a, b);
if (all.unmatched.length > 0) console.log(`in one report only: ${all.unmatched.length} cases`);
if (all.differing.length > 0) console.log(`answered differently: ${all.differing.join(" ")}`);
console.log(`same answers: ${all.same}/${all.cases} (${percent(all.same, all.cases)}%)`);
