/**
 * The model's per-request inputs (wasm/CONTRACT.md): serialised conversation and the matching features between
 * conversation words and schema elements, identical to training/features.py.
 */
import type { SchemaElement } from "../tools/types.js";
import { conversationWords, type WordMatcher } from "./words.js";

export { serializeConversation, spanText, messageText, type SerializedConversation } from "./serialize.js";
export { WordMatcher, conversationWords } from "./words.js";

/** Element words indexed for matching: word -> elements having it as a name / description word. */
export interface MatchIndex {
  name: Map<string, number[]>;
  description: Map<string, number[]>;
  /** Element words of length >= 4, by their first `bucketLength` letters (candidates for prefix matches). */
  buckets: Map<string, string[]>;
  bucketLength: number;
}

const indexes = new WeakMap<readonly SchemaElement[], MatchIndex>();

function add(map: Map<string, number[]>, word: string, element: number): void {
  const list = map.get(word);
  if (!list) map.set(word, [element]);
  else if (list[list.length - 1] !== element) list.push(element);
}

export function matchIndex(elements: readonly SchemaElement[], prefixLength: number): MatchIndex {
  const cached = indexes.get(elements);
  if (cached) return cached;
  const index: MatchIndex = { name: new Map(), description: new Map(), buckets: new Map(), bucketLength: Math.min(4, prefixLength) };
  const seen = new Set<string>();
  elements.forEach((element, e) => {
    for (const word of element.nameWords) add(index.name, word, e);
    for (const word of element.descriptionWords) add(index.description, word, e);
    for (const word of [...element.nameWords, ...element.descriptionWords]) {
      if (word.length < 4 || seen.has(word)) continue;
      seen.add(word);
      const key = word.slice(0, index.bucketLength);
      const bucket = index.buckets.get(key);
      if (bucket) bucket.push(word);
      else index.buckets.set(key, [word]);
    }
  });
  indexes.set(elements, index);
  return index;
}

/** Element words that a conversation word matches. */
function matchedWords(word: string, index: MatchIndex, words: WordMatcher): string[] {
  const out = new Set<string>([word]);
  if (word.length >= 4) {
    for (const candidate of index.buckets.get(word.slice(0, index.bucketLength)) ?? []) {
      if (words.matches(word, candidate)) out.add(candidate);
    }
  }
  for (const synonym of words.synonymsOf(word)) out.add(synonym);
  return [...out];
}

/** elem_match float32 [E, T, 2]: channel 0 name-word match, channel 1 description-word match. */
export function elementMatch(elements: readonly SchemaElement[], ids: ArrayLike<number>, words: WordMatcher, prefixLength: number): Float32Array {
  const T = ids.length;
  const out = new Float32Array(elements.length * T * 2);
  const index = matchIndex(elements, prefixLength);
  const byWord = new Map<string, { name: Set<number>; description: Set<number> }>();
  for (const { word, start, end } of conversationWords(ids, words)) {
    let hits = byWord.get(word);
    if (!hits) {
      hits = { name: new Set(), description: new Set() };
      for (const candidate of matchedWords(word, index, words)) {
        for (const e of index.name.get(candidate) ?? []) hits.name.add(e);
        for (const e of index.description.get(candidate) ?? []) hits.description.add(e);
      }
      byWord.set(word, hits);
    }
    for (const e of hits.name) for (let t = start; t < end; t++) out[(e * T + t) * 2] = 1;
    for (const e of hits.description) for (let t = start; t < end; t++) out[(e * T + t) * 2 + 1] = 1;
  }
  return out;
}
