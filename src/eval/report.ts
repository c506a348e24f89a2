/** The eval's printed table and its JSON report. */
import type { ToolCallResult } from "../caller/types.js";

export interface CaseOutcome {
  id: string;
  category: string;
  passed: boolean;
  reason?: string;
  result?: ToolCallResult;
  /** calibrationFeatures of the decoder's own answer (null where the model did not run): what calibrate.py fits on. */
  features?: number[] | null;
  error?: string;
  expected?: unknown;
}

export interface Summary {
  categories: Array<{ category: string; passed: number; total: number }>;
  passed: number;
  total: number;
  validCalls: number;
  calls: number;
}

/** Passed and total per category, in first-seen order. */
export function byCategory(cases: ReadonlyArray<{ category: string; passed: boolean }>): Array<{ category: string; passed: number; total: number }> {
  const rows = new Map<string, { passed: number; total: number }>();
  for (const c of cases) {
    const row = rows.get(c.category) ?? { passed: 0, total: 0 };
    row.total++;
    if (c.passed) row.passed++;
    rows.set(c.category, row);
  }
  return [...rows.entries()].map(([category, row]) => ({ category, ...row }));
}

export function summarise(outcomes: readonly CaseOutcome[], validCalls: number, calls: number): Summary {
  return {
    categories: byCategory(outcomes),
    passed: outcomes.filter((o) => o.passed).length,
    total: outcomes.length,
    validCalls,
    calls,
  };
}

function percent(passed: number, total: number): string {
  return `${total === 0 ? "0.0" : ((100 * passed) / total).toFixed(1)}%`;
}

export function formatSummary(summary: Summary): string {
  const width = Math.max(8, ...summary.categories.map((c) => c.category.length));
  const lines = summary.categories.map(
    (c) => `${c.category.padEnd(width)}  ${`${c.passed}/${c.total}`.padStart(9)}  ${percent(c.passed, c.total).padStart(6)}`,
  );
  lines.push(`schema-valid calls: ${summary.validCalls}/${summary.calls}`);
  lines.push(`overall: ${summary.passed}/${summary.total} (${percent(summary.passed, summary.total)})`);
  return lines.join("\n");
}
