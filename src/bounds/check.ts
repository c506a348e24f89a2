/**
 * The cost bounds of a request's tools, checked before any compile or forward pass. One iterative walk over each
 * tool's parameters that follows `$ref`s as the compiler does, counts what the compiler would build (elements: one
 * per tool, property and enum option) and stops at the first limit crossed, so its own work is bounded by the
 * limits, never by the size of the expansion.
 */
import { pointerGet } from "../tools/pointer.js";
import { BadReferenceError, LimitExceededError, MalformedKeyError, UnsafePatternError } from "./errors.js";
import type { LimitName, Limits } from "./limits.js";
import { compileLinear } from "../validate/patterns.js";

export interface BoundedTool {
  function: { name: string; description?: string; parameters?: unknown };
}

/** What the walk counted, for tests and the bench. */
export interface RequestCost {
  elements: number;
  nodes: number;
  refExpansions: number;
  textChars: number;
}

interface Pending {
  schema: unknown;
  param: string;
  refs: readonly string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const SUBSCHEMA_KEYS = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "additionalItems",
  "unevaluatedItems",
  "unevaluatedProperties",
];
const SUBSCHEMA_LISTS = ["anyOf", "oneOf", "allOf", "prefixItems"];
const SUBSCHEMA_MAPS = ["dependentSchemas"];

class Walk {
  readonly cost: RequestCost = { elements: 0, nodes: 0, refExpansions: 0, textChars: 0 };
  constructor(private readonly limits: Limits) {}

  private over(limit: LimitName, amount: number, param: string, what: string): void {
    if (amount > this.limits[limit]) throw new LimitExceededError(limit, this.limits[limit], param, what);
  }

  text(value: unknown, param: string): void {
    if (typeof value !== "string") return;
    this.over("MAX_DESCRIPTION_CHARS", value.length, param, `A text of ${value.length} characters`);
    this.addText(value.length, param);
  }

  addText(chars: number, param: string): void {
    this.cost.textChars += chars;
    this.over("MAX_SCHEMA_TEXT_CHARS", this.cost.textChars, param, "The schema text of the tools");
  }

  element(param: string, count = 1): void {
    this.cost.elements += count;
    this.over(
      "MAX_SCHEMA_ELEMENTS",
      this.cost.elements,
      param,
      "The number of schema elements (tools, properties and enum options after $ref expansion)",
    );
  }

  pattern(source: unknown, param: string): void {
    if (typeof source !== "string") return;
    this.over("MAX_PATTERN_CHARS", source.length, param, `A pattern of ${source.length} characters`);
    const compiled = compileLinear(source);
    if (typeof compiled === "string") throw new UnsafePatternError(param, compiled);
  }

  tool(root: unknown, param: string): void {
    const stack: Pending[] = [{ schema: root, param, refs: [] }];
    while (stack.length > 0) {
      const { schema, param: at, refs } = stack.pop() as Pending;
      if (!isRecord(schema)) continue;
      this.cost.nodes += 1;
      this.over("MAX_SCHEMA_NODES", this.cost.nodes, at, "The number of schema nodes after $ref expansion");
      this.text(schema["description"], `${at}.description`);
      this.text(schema["title"], `${at}.title`);
      this.pattern(schema["pattern"], `${at}.pattern`);
      const options = schema["enum"];
      if (Array.isArray(options)) {
        this.over("MAX_ENUM_OPTIONS", options.length, `${at}.enum`, `An enum of ${options.length} options`);
        this.element(`${at}.enum`, options.length);
        this.addText(
          options.reduce((n: number, option) => n + (typeof option === "string" ? option.length : 8), 0),
          `${at}.enum`,
        );
      }
      const properties = schema["properties"];
      if (isRecord(properties)) {
        for (const [key, sub] of Object.entries(properties)) {
          const child = `${at}.properties.${key}`;
          this.element(child);
          this.addText(key.length, child);
          stack.push({ schema: sub, param: child, refs });
        }
      }
      const patterned = schema["patternProperties"];
      if (isRecord(patterned)) {
        for (const [source, sub] of Object.entries(patterned)) {
          const child = `${at}.patternProperties.${source}`;
          this.pattern(source, child);
          stack.push({ schema: sub, param: child, refs });
        }
      }
      for (const key of SUBSCHEMA_KEYS) {
        const sub = schema[key];
        if (Array.isArray(sub)) sub.forEach((item, i) => stack.push({ schema: item, param: `${at}.${key}[${i}]`, refs }));
        else stack.push({ schema: sub, param: `${at}.${key}`, refs });
      }
      for (const key of SUBSCHEMA_LISTS) {
        const list = schema[key];
        if (Array.isArray(list)) list.forEach((item, i) => stack.push({ schema: item, param: `${at}.${key}[${i}]`, refs }));
      }
      for (const key of SUBSCHEMA_MAPS) {
        const map = schema[key];
        if (isRecord(map)) for (const [name, sub] of Object.entries(map)) stack.push({ schema: sub, param: `${at}.${key}.${name}`, refs });
      }
      this.ref(root, schema["$ref"], `${at}.$ref`, refs, stack);
    }
  }

  private ref(root: unknown, ref: unknown, param: string, refs: readonly string[], stack: Pending[]): void {
    if (typeof ref !== "string" || !ref.startsWith("#") || refs.includes(ref)) return;
    const target = pointerGet(root, ref.slice(1));
    if (!target.found) throw new BadReferenceError(param, `${JSON.stringify(ref.slice(0, 80))}: ${target.reason}`);
    this.over("MAX_REF_DEPTH", refs.length + 1, param, "The chain of $refs");
    this.cost.refExpansions += 1;
    this.over("MAX_REF_EXPANSIONS", this.cost.refExpansions, param, "The number of $ref expansions (their fan-out)");
    stack.push({ schema: target.value, param, refs: [...refs, ref] });
  }
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Every object key of the raw schema (no $ref followed: linear in the request) must be well-formed Unicode: the
 * validator names each key in a URI, and a lone surrogate has none.
 */
function checkKeys(schema: unknown, param: string): void {
  const stack: [unknown, string][] = [[schema, param]];
  while (stack.length > 0) {
    const [value, at] = stack.pop() as [unknown, string];
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${at}[${i}]`]));
      continue;
    }
    for (const [key, sub] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) throw new MalformedKeyError(at);
      stack.push([sub, `${at}.${key}`]);
    }
  }
}

/** Throws a ToolSetError (a 400 in OpenAI's shape) at the first limit a request's tools cross; returns the cost. */
export function checkBounds(tools: readonly BoundedTool[], limits: Limits): RequestCost {
  const walk = new Walk(limits);
  if (tools.length > limits.MAX_TOOLS) throw new LimitExceededError("MAX_TOOLS", limits.MAX_TOOLS, "tools", `A list of ${tools.length} tools`);
  tools.forEach((tool, i) => {
    const param = `tools[${i}].function`;
    walk.element(param);
    walk.addText(tool.function.name.length, `${param}.name`);
    walk.text(tool.function.description, `${param}.description`);
    checkKeys(tool.function.parameters, `${param}.parameters`);
    walk.tool(tool.function.parameters, `${param}.parameters`);
  });
  return walk.cost;
}
