/**
 * Chinese glosses for the matching features (wasm/CONTRACT.md, "Chinese glosses"), identical to training/features.py
 * (zh_segments, _zh_conversation_words): a run of CJK ideographs is cut into the longest lexicon words, left to right,
 * and each word stands for its English glosses, so that "订单" meets `order_id`.
 */
import { lexiconJson } from "./generated/lexicon.js";

/** The longest lexicon word, in characters. */
const MAX_WORD = 4;

let lexicon: Readonly<Record<string, string>> | undefined;

/** The lexicon, parsed on first use: a request without Chinese, or a model without glosses, never pays for it. */
function glossesOf(word: string): string[] | undefined {
  lexicon ??= JSON.parse(lexiconJson) as Record<string, string>;
  if (!Object.hasOwn(lexicon, word)) return undefined;
  const glosses = lexicon[word] ?? "";
  return glosses === "" ? [] : glosses.split(" ");
}

/** U+4E00..U+9FFF, the CJK Unified Ideographs block (one UTF-16 unit, three UTF-8 bytes). */
function isIdeograph(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

function allIdeographs(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isIdeograph(text.charCodeAt(i))) return false;
  return true;
}

export interface ZhSegment {
  /** The word's glosses, unfiltered (the lexicon's own order); empty for a word without glosses. */
  glosses: string[];
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * The lexicon words of a text, by forward maximum matching over each run of ideographs (longest first, up to four
 * characters); characters that start no word are skipped. Positions are UTF-16 units, which for ideographs are
 * characters.
 */
export function zhSegments(text: string): ZhSegment[] {
  const out: ZhSegment[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isIdeograph(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let matched = false;
    for (let k = Math.min(MAX_WORD, text.length - i); k > 0; k--) {
      const piece = text.slice(i, i + k);
      const glosses = allIdeographs(piece) ? glossesOf(piece) : undefined;
      if (glosses) {
        out.push({ glosses, start: i, end: i + k });
        i += k;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  return out;
}

function isContinuation(id: number | undefined): id is number {
  return id !== undefined && id >= 0x80 && id <= 0xbf;
}

/**
 * The lexicon words of a byte id sequence, with positions over the ids: each run of whole three-byte UTF-8 characters
 * with lead byte E4-E9 (the ideographs and a few neighbours) is decoded and cut by `zhSegments`; a word covers its
 * characters' bytes. Anything else ends a run: ASCII, other characters, special ids, a character cut by truncation.
 */
export function zhByteSegments(ids: ArrayLike<number>): ZhSegment[] {
  const out: ZhSegment[] = [];
  let t = 0;
  while (t < ids.length) {
    const runStart = t;
    let chars = "";
    for (;;) {
      const lead = ids[t];
      const second = ids[t + 1];
      const third = ids[t + 2];
      if (lead === undefined || lead < 0xe4 || lead > 0xe9 || !isContinuation(second) || !isContinuation(third)) break;
      chars += String.fromCharCode(((lead & 0x0f) << 12) | ((second & 0x3f) << 6) | (third & 0x3f));
      t += 3;
    }
    if (chars === "") {
      t++;
      continue;
    }
    for (const { glosses, start, end } of zhSegments(chars)) out.push({ glosses, start: runStart + 3 * start, end: runStart + 3 * end });
  }
  return out;
}
