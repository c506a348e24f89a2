/**
 * The compiled tool set: what the model reads about the tools (elements and their tensors) and the decoding plan
 * (slots with their types and constraints). Built once per tool set and cached.
 */
import type { JSONSchema } from "./schema-types.js";

export type PrimitiveType = "string" | "number" | "integer" | "boolean" | "null";

/** One way a primitive value may look (one type of a union / one anyOf branch), with its constraints. */
export interface ValueRule {
  type: PrimitiveType;
  /** Allowed values when the branch lists them (enum / const). */
  enum?: readonly unknown[];
  format?: string;
  /**
   * A number slot that takes a share as a fraction: "5%" reads 0.05 first (then 5, if the constraints refuse 0.05).
   * Set for type number (not integer) unless the parameter's name, title or description speaks of percent.
   */
  percentAsFraction?: true;
  /**
   * A string slot whose name, title or description asks for dates in one layout ("in the format of 'YYYY-MM-DD'",
   * "DD/MM/YYYY"): a written date ("March 8th, 2023") reads in that layout. Set only when one layout is named.
   */
  dateLayout?: string;
  /** A string slot for running text (a query, a message): its value may open with lower-case words before a name. */
  prose?: true;
  /** A number slot about temperature: "300K" is 300 kelvin there, not 300 thousand. */
  temperature?: true;
  /** Whether a value satisfies this rule's type and constraints (the same validator as the final check). */
  check: (value: unknown) => boolean;
}

/** A primitive value domain: a value is allowed when it fits one rule (exactly one when `exclusive`, for oneOf). */
export interface ValueDomain {
  rules: ValueRule[];
  exclusive: boolean;
}

export type SlotFill =
  /** A span of the conversation parsed under the domain. */
  | { kind: "span"; domain: ValueDomain }
  /** The boolean head; `domain` checks the result (a boolean enum or const may restrict it). */
  | { kind: "bool"; domain: ValueDomain }
  /** One of the options, scored option by option; `options[i]` belongs to element `optionElements[i]`. */
  | { kind: "enum"; options: unknown[]; optionElements: number[]; allowed: boolean[] }
  /** A single allowed value (const, or type null). */
  | { kind: "fixed"; value: unknown }
  /** Several spans, each parsed under the item domain. */
  | { kind: "array"; items: ValueDomain; minItems: number; maxItems: number; uniqueItems: boolean }
  /** The edge cannot produce this value (array of objects, free-form object, keyword only the origin can honour). */
  | { kind: "unfillable"; reason: string };

export interface Slot {
  /** Property names from the tool's parameters down to this slot. */
  path: string[];
  /** `requiredChain[i]`: path[i] is required in the object that holds it. */
  requiredChain: boolean[];
  fill: SlotFill;
  /** Index of this slot's element in the tool set. */
  element: number;
}

/** A nested object between the root and slots; present when required (and its parent present) or when filled. */
export interface ObjectNode {
  path: string[];
  requiredChain: boolean[];
  /** Set when this object carries a constraint the edge cannot guarantee; filling it routes to the origin. */
  unfillable?: string;
}

export interface CompiledTool {
  name: string;
  index: number;
  element: number;
  slots: Slot[];
  /** Nested objects (not the root), parents before children. */
  objects: ObjectNode[];
  /** Set when the root object has a constraint the edge cannot guarantee. */
  unfillable?: string;
  /** The parameters schema used for validation (nullable folded into type, $defs kept). */
  schema: JSONSchema;
  /**
   * Set by `"x-edgecall-extract": true` on the parameters (src/structured's synthetic tool): a required span slot the
   * model calls absent still takes the best free span that reads as its type, however unsure (decode/decide/slot.ts), and
   * the call carries what was read even when a required value is missing (`schema` has no `required` lists).
   */
  fillRequired?: true;
}

export type ElementKind = 0 | 1 | 2;

export interface SchemaElement {
  kind: ElementKind;
  parent: number;
  text: string;
  nameWords: string[];
  descriptionWords: string[];
}

export interface ElementTensors {
  /** [E, L] UTF-8 bytes of each element text, padded. */
  elemIds: BigInt64Array;
  elemKind: BigInt64Array;
  elemParent: BigInt64Array;
}

export interface CompiledToolSet {
  key: string;
  tools: CompiledTool[];
  elements: SchemaElement[];
  tensors: ElementTensors;
  /** A registered set's AJV standalone validators by tool name (src/registry); else validation runs without codegen. */
  validators?: Record<string, (value: unknown) => { valid: boolean; errors: string[] }>;
}
