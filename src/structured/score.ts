/**
 * Scoring structured-output extraction (the extraction set, eval/extraction/, run by scripts/eval-extraction.ts):
 * per case whether an answer came, whether it validates, whether it is exactly the expected object, and per field
 * (every leaf of the expected object, by path; an array is one field) whether the answer has that value.
 */
import { deepCompareStrict } from "@cfworker/json-schema";
import { isObject } from "./is-object.js";

export interface ExtractionCase {
  id: string;
  category: string;
  lang: string;
  messages: Array<{ role: string; content: string }>;
  schema_name: string;
  schema: Record<string, unknown>;
  expected: Record<string, unknown>;
}

/** What the API answered: the content's value, a refusal, or an error (status and message). */
export type Answered =
  { kind: "content"; value: unknown; valid: boolean } | { kind: "refusal"; reason: string } | { kind: "error"; status: number; message: string };

export interface FieldScore {
  path: string;
  expected: unknown;
  got: unknown;
  right: boolean;
}

export interface CaseScore {
  id: string;
  category: string;
  lang: string;
  answered: boolean;
  valid: boolean;
  exact: boolean;
  fields: FieldScore[];
}

/** The expected object's leaves (nested objects walked, arrays and scalars are leaves), with what `got` has there. */
export function fieldScores(expected: Record<string, unknown>, got: unknown, prefix = ""): FieldScore[] {
  const out: FieldScore[] = [];
  for (const [key, want] of Object.entries(expected)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    const have = isObject(got) && Object.hasOwn(got, key) ? got[key] : undefined;
    if (isObject(want)) out.push(...fieldScores(want, have, path));
    else out.push({ path, expected: want, got: have, right: have !== undefined && deepCompareStrict(want, have) });
  }
  return out;
}

export function scoreCase(item: ExtractionCase, answered: Answered): CaseScore {
  const value = answered.kind === "content" ? answered.value : undefined;
  const fields = fieldScores(item.expected, value);
  return {
    id: item.id,
    category: item.category,
    lang: item.lang,
    answered: answered.kind === "content",
    valid: answered.kind === "content" && answered.valid,
    exact: answered.kind === "content" && deepCompareStrict(item.expected, value),
    fields,
  };
}

export interface Tally {
  cases: number;
  answered: number;
  valid: number;
  exact: number;
  fieldsRight: number;
  fields: number;
}

function tally(scores: readonly CaseScore[]): Tally {
  const fields = scores.flatMap((s) => s.fields);
  return {
    cases: scores.length,
    answered: scores.filter((s) => s.answered).length,
    valid: scores.filter((s) => s.valid).length,
    exact: scores.filter((s) => s.exact).length,
    fieldsRight: fields.filter((f) => f.right).length,
    fields: fields.length,
  };
}

export interface Summary {
  all: Tally;
  byCategory: Record<string, Tally>;
  byLang: Record<string, Tally>;
  /** Per field name (last path segment) over all cases. */
  byField: Record<string, { right: number; total: number }>;
}

function grouped(scores: readonly CaseScore[], key: (s: CaseScore) => string): Record<string, Tally> {
  const groups = new Map<string, CaseScore[]>();
  for (const score of scores) groups.set(key(score), [...(groups.get(key(score)) ?? []), score]);
  return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([name, group]) => [name, tally(group)]));
}

export function summarize(scores: readonly CaseScore[]): Summary {
  const byField: Record<string, { right: number; total: number }> = {};
  for (const field of scores.flatMap((s) => s.fields)) {
    const entry = (byField[field.path] ??= { right: 0, total: 0 });
    entry.total += 1;
    if (field.right) entry.right += 1;
  }
  return { all: tally(scores), byCategory: grouped(scores, (s) => s.category), byLang: grouped(scores, (s) => s.lang), byField };
}

const pct = (n: number, d: number): string => (d === 0 ? "-" : `${((100 * n) / d).toFixed(1)}%`);

function row(name: string, t: Tally): string {
  const exact = `${t.exact}/${t.cases} (${pct(t.exact, t.cases)})`;
  const fields = `${t.fieldsRight}/${t.fields} (${pct(t.fieldsRight, t.fields)})`;
  return `${name.padEnd(18)} ${exact.padEnd(16)} ${fields.padEnd(18)} ${`${t.valid}/${t.cases}`.padEnd(9)} ${t.answered}/${t.cases}`;
}

/** The printed report: a row per category and language, then per field, then the overall line. */
export function formatSummary(summary: Summary): string[] {
  const lines = [`${"set".padEnd(18)} ${"exact".padEnd(16)} ${"fields".padEnd(18)} ${"valid".padEnd(9)} answered`];
  for (const [name, t] of Object.entries(summary.byCategory)) lines.push(row(name, t));
  for (const [name, t] of Object.entries(summary.byLang)) lines.push(row(`lang ${name}`, t));
  lines.push(row("all", summary.all));
  lines.push(
    `fields: ${Object.entries(summary.byField)
      .map(([path, f]) => `${path} ${f.right}/${f.total}`)
      .join(", ")}`,
  );
  const { all } = summary;
  lines.push(
    `overall: exact ${all.exact}/${all.cases} (${pct(all.exact, all.cases)}), fields ${all.fieldsRight}/${all.fields} (${pct(all.fieldsRight, all.fields)}), schema-valid ${all.valid}/${all.answered} answered, ${all.answered}/${all.cases} answered`,
  );
  return lines;
}
