/**
 * Schema element texts and tensors (wasm/CONTRACT.md, "Schema elements"), identical to training/features.py.
 */
import type { WordMatcher } from "../model/words.js";
import type { ElementTensors, SchemaElement } from "./types.js";

const encoder = new TextEncoder();

/** An option as text: String(value) for primitives, JSON for objects and arrays. */
export function optionText(value: unknown): string {
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function toolElement(name: string, description: string, words: WordMatcher): SchemaElement {
  return { kind: 0, parent: -1, text: `${name} : ${description}`, nameWords: words.words(name), descriptionWords: words.words(description) };
}

export function paramElement(path: readonly string[], type: string, description: string, parent: number, words: WordMatcher): SchemaElement {
  return {
    kind: 1,
    parent,
    text: `${path.join(" ")} : ${type} : ${description}`,
    nameWords: path.flatMap((key) => words.words(key)),
    descriptionWords: words.words(description),
  };
}

export function optionElement(value: unknown, parent: number, words: WordMatcher): SchemaElement {
  const text = optionText(value);
  return { kind: 2, parent, text, nameWords: words.words(text), descriptionWords: [] };
}

export function elementTensors(elements: readonly SchemaElement[], maxTokens: number, pad: number): ElementTensors {
  const count = elements.length;
  const elemIds = new BigInt64Array(count * maxTokens).fill(BigInt(pad));
  const elemKind = new BigInt64Array(count);
  const elemParent = new BigInt64Array(count);
  elements.forEach((element, e) => {
    const bytes = encoder.encode(element.text);
    const n = Math.min(bytes.length, maxTokens);
    for (let i = 0; i < n; i++) elemIds[e * maxTokens + i] = BigInt(bytes[i] as number);
    elemKind[e] = BigInt(element.kind);
    elemParent[e] = BigInt(element.parent);
  });
  return { elemIds, elemKind, elemParent };
}
