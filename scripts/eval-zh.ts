/**
 * The Chinese shop set's two halves side by side (issue 38): accuracy of each half, the ratio zh / en, the Chinese
 * "no call" answers given with confidence above 0.9 where the English twin's answer is a call, and the forward
 * cost (input positions of the serialised conversation, which the byte-level reader pays per UTF-8 byte).
 *
 *   npx tsx scripts/eval-zh.ts QUESTIONS_DIR ZH_REPORT.json EN_REPORT.json   (scripts/eval-zh.sh runs it)
 *
 * Twins share the id after the language prefix (`zh_call_entools_12` / `en_call_entools_12`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readAnswers, readQuestions, type EvalCase } from "../src/eval/dataset.js";
import { parseModelConfig } from "../src/model/config.js";
import { serializeConversation } from "../src/model/serialize.js";

interface Outcome {
  id: string;
  passed: boolean;
  result?: { kind: string; confidence: number };
}

const [dir, zhReport, enReport, modelDir = join(import.meta.dirname, "../wasm")] = process.argv.slice(2);
if (!dir || !zhReport || !enReport) {
  console.error("usage: npx tsx scripts/eval-zh.ts QUESTIONS_DIR ZH_REPORT.json EN_REPORT.json [MODEL_DIR]");
  process.exit(2);
}

const config = parseModelConfig(JSON.parse(readFileSync(join(modelDir, "config.json"), "utf8")));
const twin = (id: string) => id.replace(/^(zh|en)_/, "");
const outcomes = (path: string) => new Map((JSON.parse(readFileSync(path, "utf8")) as { cases: Outcome[] }).cases.map((c) => [twin(c.id), c]));
const zh = outcomes(zhReport);
const en = outcomes(enReport);
const enAnswers = readAnswers(join(dir, "answers.en.jsonl"));

const percent = (n: number, d: number) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)}%`);
const zhPassed = [...zh.values()].filter((c) => c.passed).length;
const enPassed = [...en.values()].filter((c) => c.passed).length;
console.log(
  `Chinese shop set: zh ${zhPassed}/${zh.size} (${percent(zhPassed, zh.size)}), en twins ${enPassed}/${en.size} (${percent(enPassed, en.size)})`,
);
console.log(`ratio zh/en: ${enPassed === 0 ? "n/a" : (zhPassed / enPassed).toFixed(3)} (target >= 0.9)`);

// Per kind and tool language: category without the language prefix.
const rows = new Map<string, { zh: number; en: number; total: number }>();
for (const [key, z] of zh) {
  const kind = key.replace(/_\d+$/, "");
  const row = rows.get(kind) ?? { zh: 0, en: 0, total: 0 };
  row.total++;
  if (z.passed) row.zh++;
  if (en.get(key)?.passed) row.en++;
  rows.set(kind, row);
}
for (const [kind, row] of rows)
  console.log(`  ${kind.padEnd(18)} zh ${`${row.zh}/${row.total}`.padStart(7)}  en ${`${row.en}/${row.total}`.padStart(7)}`);

const confidentNoCalls = [...zh.entries()].filter(
  ([key, z]) => z.result?.kind === "no_call" && z.result.confidence > 0.9 && enAnswers.get(`en_${key}`)?.kind === "calls",
);
console.log(`Chinese "no call" answers with confidence > 0.9 whose English twin is a call: ${confidentNoCalls.length} (target 0)`);
for (const [key, z] of confidentNoCalls.slice(0, 10)) console.log(`  zh_${key} (${z.result?.confidence.toFixed(3)})`);

const positions = (cases: EvalCase[]) =>
  cases.reduce((sum, c) => sum + serializeConversation(c.messages, config.tokenizer.special, config.max_conversation_tokens).ids.length, 0) /
  cases.length;
const zhPositions = positions(readQuestions(join(dir, "questions.zh.jsonl")));
const enPositions = positions(readQuestions(join(dir, "questions.en.jsonl")));
console.log(
  `forward cost: ${zhPositions.toFixed(1)} input positions per case zh, ${enPositions.toFixed(1)} en, ratio ${(zhPositions / enPositions).toFixed(2)} (target <= 1.2)`,
);
