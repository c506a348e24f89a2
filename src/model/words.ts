/**
 * Words and word matching (wasm/CONTRACT.md, "Matching features"), identical to training/features.py.
 */
import { zhByteSegments, zhSegments } from "../lang/zh/glosses.js";
import type { MatchConfig } from "./config.js";

const CAMEL_LOWER_UPPER = /([a-z0-9])([A-Z])/g;
const CAMEL_ACRONYM = /([A-Z])([A-Z][a-z])/g;
const WORD = /[a-z0-9]+/g;

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 32));
}

/** A matcher built once per config: word filtering, splitting of schema texts, and the match relation. */
export class WordMatcher {
  private readonly stopwords: Set<string>;
  private readonly groups = new Map<string, Set<number>>();

  constructor(private readonly config: MatchConfig) {
    this.stopwords = new Set(config.stopwords);
    config.synonyms.forEach((group, index) => {
      for (const word of group) {
        let set = this.groups.get(word);
        if (!set) this.groups.set(word, (set = new Set()));
        set.add(index);
      }
    });
  }

  keep(word: string): boolean {
    return word.length >= this.config.min_word_len && !this.stopwords.has(word);
  }

  /** Whether Chinese words stand for their English glosses (`match.zh_glosses`; absent: no). */
  get zhGlosses(): boolean {
    return this.config.zh_glosses === true;
  }

  /**
   * Words of a schema text (names, descriptions, options): camelCase split, ASCII lower-case, [a-z0-9] runs; then,
   * with glosses on, the glosses of its Chinese words.
   */
  words(text: string): string[] {
    const split = text.replace(CAMEL_LOWER_UPPER, "$1 $2").replace(CAMEL_ACRONYM, "$1 $2");
    const out = (asciiLower(split).match(WORD) ?? []).filter((word) => this.keep(word));
    if (this.zhGlosses) {
      for (const { glosses } of zhSegments(text)) out.push(...glosses.filter((word) => this.keep(word)));
    }
    return out;
  }

  matches(a: string, b: string): boolean {
    if (a === b) return true;
    if (a.length >= 4 && b.length >= 4) {
      const n = Math.min(this.config.prefix_len, a.length, b.length);
      if (a.slice(0, n) === b.slice(0, n)) return true;
    }
    const ga = this.groups.get(a);
    const gb = this.groups.get(b);
    if (!ga || !gb) return false;
    for (const g of ga) if (gb.has(g)) return true;
    return false;
  }

  /** Synonym-group members of a word (words it matches through `match.synonyms`). */
  synonymsOf(word: string): string[] {
    const out: string[] = [];
    for (const g of this.groups.get(word) ?? []) out.push(...(this.config.synonyms[g] ?? []));
    return out;
  }
}

export interface ConversationWord {
  word: string;
  start: number;
  /** Exclusive. */
  end: number;
}

function isWordByte(id: number): boolean {
  return (id >= 48 && id <= 57) || (id >= 65 && id <= 90) || (id >= 97 && id <= 122);
}

/** Every ASCII alphanumeric run of the input id sequence, lower case; other bytes and special ids separate words. */
export function wordRuns(ids: ArrayLike<number>): ConversationWord[] {
  const out: ConversationWord[] = [];
  let start = -1;
  for (let t = 0; t <= ids.length; t++) {
    const id = t < ids.length ? (ids[t] as number) : -1;
    const inWord = isWordByte(id);
    if (inWord && start < 0) start = t;
    else if (!inWord && start >= 0) {
      let word = "";
      for (let i = start; i < t; i++) {
        const b = ids[i] as number;
        word += String.fromCharCode(b >= 65 && b <= 90 ? b + 32 : b);
      }
      out.push({ word, start, end: t });
      start = -1;
    }
  }
  return out;
}

/**
 * Words of the input id sequence: its word runs that the matcher keeps (length, stopwords); then, with glosses on, the
 * kept glosses of its Chinese words, each covering the bytes of its word.
 */
export function conversationWords(ids: ArrayLike<number>, matcher: WordMatcher): ConversationWord[] {
  const out = wordRuns(ids).filter(({ word }) => matcher.keep(word));
  if (!matcher.zhGlosses) return out;
  for (const { glosses, start, end } of zhByteSegments(ids)) {
    for (const word of glosses) if (matcher.keep(word)) out.push({ word, start, end });
  }
  return out;
}
