/**
 * Reading evaluation files: BFCL questions (one JSON object per line) and answers (BFCL ground truth, plus the two
 * extra kinds of DESIGN.md: `{"id","missing":{fn:[params]}}` and `{"id","no_call":true}`).
 */
import { readFileSync } from "node:fs";
import type { ChatMessage, ToolDefinition } from "../caller/types.js";
import { toTool, type GorillaFunction } from "./gorilla.js";

export interface EvalCase {
  id: string;
  category: string;
  messages: ChatMessage[];
  tools: ToolDefinition[];
  /** Raw Gorilla specs, for the checker's type rules. */
  functions: GorillaFunction[];
  /** A function the case's tool_choice names (our own sets: scripts/forced-choice-set.py); none in BFCL's. */
  forcedTool?: string;
}

/** Acceptable values per parameter of one expected call. */
export type ExpectedCall = Record<string, Record<string, unknown[]>>;

export type Expected = { kind: "calls"; calls: ExpectedCall[] } | { kind: "missing"; missing: Record<string, string[]> } | { kind: "no_call" };

export function readJsonLines(path: string): unknown[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new Error(`${path}:${i + 1}: not JSON (${(error as Error).message})`, { cause: error });
      }
    });
}

/** `simple_python_12` -> `simple_python`, `live_simple_3-1-0` -> `live_simple`. */
export function categoryOf(id: string): string {
  return id.replace(/_\d+(-\d+)*$/, "");
}

function toMessages(question: unknown): ChatMessage[] {
  // BFCL: a list of turns, each a list of messages; plain message lists are accepted too.
  const list = Array.isArray(question) ? question : [];
  const flat = list.every((item) => Array.isArray(item)) ? (list as unknown[][]).flat() : list;
  return flat.map((raw) => {
    const m = raw as Record<string, unknown>;
    const message: ChatMessage = { role: m["role"] as ChatMessage["role"], content: typeof m["content"] === "string" ? m["content"] : null };
    if (Array.isArray(m["tool_calls"])) message.tool_calls = m["tool_calls"] as NonNullable<ChatMessage["tool_calls"]>;
    if (typeof m["tool_call_id"] === "string") message.tool_call_id = m["tool_call_id"];
    if (typeof m["name"] === "string") message.name = m["name"];
    return message;
  });
}

export function readQuestions(path: string): EvalCase[] {
  return readJsonLines(path).map((raw) => {
    const q = raw as { id: string; question: unknown; function?: GorillaFunction[]; tool_choice?: string };
    const functions = q.function ?? [];
    const testCase: EvalCase = { id: q.id, category: categoryOf(q.id), messages: toMessages(q.question), tools: functions.map(toTool), functions };
    if (typeof q.tool_choice === "string") testCase.forcedTool = q.tool_choice;
    return testCase;
  });
}

export function readAnswers(path: string): Map<string, Expected> {
  const out = new Map<string, Expected>();
  for (const raw of readJsonLines(path)) {
    const a = raw as { id: string; ground_truth?: ExpectedCall[]; missing?: Record<string, string[]>; no_call?: boolean };
    if (a.ground_truth) out.set(a.id, { kind: "calls", calls: a.ground_truth });
    else if (a.missing) out.set(a.id, { kind: "missing", missing: a.missing });
    else if (a.no_call) out.set(a.id, { kind: "no_call" });
    else throw new Error(`${path}: answer ${a.id} has none of ground_truth / missing / no_call`);
  }
  return out;
}
