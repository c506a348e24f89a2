/**
 * Test helper: head outputs written by hand. Start from "nothing" (every count 0, every slot absent) and set the
 * decisions a test wants: a tool's count, a slot's action, spans by the substring they cover, an option, a boolean.
 */
import type { ChatMessage, ToolCallResult, ToolChoice } from "../../caller/types.js";
import { serializeConversation, type SerializedConversation } from "../../model/serialize.js";
import type { CompiledToolSet } from "../../tools/types.js";
import { decodeHeads } from "../decode.js";
import type { Heads } from "../read/heads.js";
import { SPECIAL_IDS } from "./conversation.js";
import { contextFor, shippedSettings } from "./settings.js";

const HIGH = 8;
const LOW = -8;

export class HeadsBuilder {
  readonly heads: Heads;

  constructor(
    private readonly set: CompiledToolSet,
    private readonly conversation: SerializedConversation,
    countClasses = 5,
  ) {
    const E = set.elements.length;
    const T = conversation.ids.length;
    this.heads = {
      elements: E,
      positions: T,
      countClasses,
      count: new Float32Array(E * countClasses),
      action: new Float32Array(E * 3),
      start: new Float32Array(E * T).fill(LOW),
      end: new Float32Array(E * T).fill(LOW),
      bool: new Float32Array(E * 2),
      option: new Float32Array(E),
    };
    for (let e = 0; e < E; e++) {
      this.heads.count[e * countClasses] = HIGH;
      this.heads.action[e * 3] = HIGH;
    }
  }

  private slotElement(tool: string, path: string): number {
    const slot = this.set.tools.find((t) => t.name === tool)?.slots.find((s) => s.path.join(".") === path);
    if (!slot) throw new Error(`no slot ${tool}.${path}`);
    return slot.element;
  }

  /** The count head says `count` calls of `tool`, with logit `strength` (the other counts have 0). */
  calls(tool: string, count: number, strength = HIGH): this {
    const element = this.set.tools.find((t) => t.name === tool)?.element;
    if (element === undefined) throw new Error(`no tool ${tool}`);
    const C = this.heads.countClasses;
    this.heads.count.fill(0, element * C, (element + 1) * C);
    this.heads.count[element * C + count] = strength;
    return this;
  }

  action(tool: string, path: string, action: "absent" | "value" | "implicit"): this {
    const e = this.slotElement(tool, path);
    this.heads.action.fill(0, e * 3, e * 3 + 3);
    this.heads.action[e * 3 + ["absent", "value", "implicit"].indexOf(action)] = HIGH;
    return this;
  }

  /**
   * Marks the occurrences of `text` in message `message` (all of them unless `occurrence` is given) as spans whose
   * start and end logits are `strength`.
   */
  span(tool: string, path: string, message: number, text: string, occurrence?: number, strength = HIGH): this {
    this.action(tool, path, "value");
    const e = this.slotElement(tool, path);
    const bytes = new TextEncoder().encode(text);
    const source = this.conversation.texts[message];
    if (!source) throw new Error(`no message ${message}`);
    let seen = 0;
    for (let off = 0; off + bytes.length <= source.length; off++) {
      if (!bytes.every((b, i) => source[off + i] === b)) continue;
      if (occurrence === undefined || occurrence === seen) {
        const T = this.heads.positions;
        for (let t = 0; t < T; t++) {
          if (this.conversation.message[t] !== message) continue;
          if (this.conversation.offset[t] === off) this.heads.start[e * T + t] = strength;
          if (this.conversation.offset[t] === off + bytes.length - 1) this.heads.end[e * T + t] = strength;
        }
      }
      seen++;
    }
    if (seen === 0) throw new Error(`"${text}" is not in message ${message}`);
    return this;
  }

  option(tool: string, path: string, value: unknown): this {
    this.action(tool, path, "value");
    const slot = this.set.tools.find((t) => t.name === tool)?.slots.find((s) => s.path.join(".") === path);
    if (!slot || slot.fill.kind !== "enum") throw new Error(`${tool}.${path} is not an enum slot`);
    const fill = slot.fill;
    fill.optionElements.forEach((e, i) => {
      this.heads.option[e] = fill.options[i] === value ? HIGH : LOW;
    });
    return this;
  }

  bool(tool: string, path: string, value: boolean): this {
    this.action(tool, path, "value");
    const e = this.slotElement(tool, path);
    this.heads.bool[e * 2] = value ? LOW : HIGH;
    this.heads.bool[e * 2 + 1] = value ? HIGH : LOW;
    return this;
  }
}

/** One user message and a builder of its heads, with `decode` running the real decoder on what was built. */
export function headsFor(text: string, set: CompiledToolSet) {
  const messages: ChatMessage[] = [{ role: "user", content: text }];
  const conversation = serializeConversation(messages, SPECIAL_IDS, 512);
  const builder = new HeadsBuilder(set, conversation);
  const decode = (choice: ToolChoice = "auto", parallel = true, without: readonly string[] = []) =>
    decodeHeads(set, builder.heads, conversation, contextFor(set, choice, parallel), shippedSettings(without));
  return { builder, decode };
}

/** A decoded result's call arguments, in order, or its kind when it calls nothing. */
export function argumentsOf(result: ToolCallResult): unknown {
  return result.kind === "calls" ? result.calls.map((call) => call.arguments) : result.kind;
}
