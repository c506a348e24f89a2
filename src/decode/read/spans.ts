/**
 * Span selection from the start/end pointer scores of one element row: the best spans (start + end score, inside
 * one message, at most MAX_SPAN positions), and the several spans of arrays / parallel calls (every start whose
 * sigmoid is above 0.5, paired with its best end before the next start, in text order).
 */
import type { SerializedConversation } from "../../model/serialize.js";

export const MAX_SPAN = 64;

export interface Span {
  start: number;
  end: number;
  /** sigmoid(start) * sigmoid(end). */
  probability: number;
  /** start + end logit: how spans of different slots rank against each other. */
  score: number;
}

/** Whether two spans share a position. */
export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function sigmoid(x: number): number {
  if (Number.isNaN(x)) return 0;
  return 1 / (1 + Math.exp(-x));
}

function score(x: number): number {
  return Number.isNaN(x) ? Number.NEGATIVE_INFINITY : x;
}

function isAlphanumeric(id: number | undefined): boolean {
  return id !== undefined && ((id >= 48 && id <= 57) || (id >= 65 && id <= 90) || (id >= 97 && id <= 122));
}

function isDigit(id: number | undefined): boolean {
  return id !== undefined && id >= 48 && id <= 57;
}

function hasLetter(ids: ArrayLike<number>, start: number, end: number): boolean {
  for (let t = start; t <= end; t++) if (isAlphanumeric(ids[t]) && !isDigit(ids[t])) return true;
  return false;
}

/**
 * Whether a span starts and ends on word boundaries (it does not cut an ASCII letter/digit run). `number`: a number
 * (no letter in it) may end where a unit written onto it starts ("12in", "29,097.63ms"; not "A12" of "A12b").
 */
export function onWordBoundaries(conversation: SerializedConversation, span: { start: number; end: number }, number = false): boolean {
  const ids = conversation.ids;
  const cutsStart =
    isAlphanumeric(ids[span.start]) &&
    isAlphanumeric(ids[span.start - 1]) &&
    conversation.message[span.start - 1] === conversation.message[span.start];
  const unit = number && isDigit(ids[span.end]) && !isDigit(ids[span.end + 1]) && !hasLetter(ids, span.start, span.end);
  const cutsEnd =
    !unit &&
    isAlphanumeric(ids[span.end]) &&
    isAlphanumeric(ids[span.end + 1]) &&
    conversation.message[span.end + 1] === conversation.message[span.end];
  return !cutsStart && !cutsEnd;
}

/** Whether position t holds a byte of a message's text (not cls or a role id). */
function inText(conversation: SerializedConversation, t: number): boolean {
  return (conversation.offset[t] as number) >= 0;
}

/**
 * For each position s, the best end score among the positions a span starting at s may end at (same message text,
 * at most MAX_SPAN long): a sliding-window maximum, computed right to left.
 */
function bestEndWithinReach(conversation: SerializedConversation, ends: Float32Array, base: number): Float64Array {
  const T = conversation.ids.length;
  const reach = new Float64Array(T).fill(Number.NEGATIVE_INFINITY);
  const window: number[] = [];
  let head = 0;
  for (let s = T - 1; s >= 0; s--) {
    if (!inText(conversation, s)) {
      window.length = 0;
      head = 0;
      continue;
    }
    if (head < window.length && conversation.message[window[head] as number] !== conversation.message[s]) {
      window.length = 0;
      head = 0;
    }
    const value = score(ends[base + s] as number);
    while (window.length > head && score(ends[base + (window[window.length - 1] as number)] as number) <= value) window.pop();
    window.push(s);
    while ((window[head] as number) > s + MAX_SPAN - 1) head++;
    reach[s] = score(ends[base + (window[head] as number)] as number);
  }
  return reach;
}

/** The `limit` best valid spans of a row, best first. */
export function bestSpans(conversation: SerializedConversation, startLogits: Float32Array, ends: Float32Array, row: number, limit: number): Span[] {
  const T = conversation.ids.length;
  const base = row * T;
  const top: Array<{ start: number; end: number; score: number }> = [];
  const reach = bestEndWithinReach(conversation, ends, base);
  for (let s = 0; s < T; s++) {
    if (!inText(conversation, s)) continue;
    const startScore = score(startLogits[base + s] as number);
    // No span from s can enter a full list unless its start plus the best end within reach beats the worst kept.
    if (startScore === Number.NEGATIVE_INFINITY) continue;
    if (top.length === limit && startScore + (reach[s] as number) <= (top[limit - 1] as { score: number }).score) continue;
    const message = conversation.message[s];
    const last = Math.min(T - 1, s + MAX_SPAN - 1);
    for (let e = s; e <= last; e++) {
      if (conversation.message[e] !== message || !inText(conversation, e)) break;
      const total = startScore + score(ends[base + e] as number);
      if (total === Number.NEGATIVE_INFINITY || Number.isNaN(total)) continue;
      if (top.length === limit && total <= (top[limit - 1] as { score: number }).score) continue;
      let i = top.length === limit ? limit - 1 : top.length;
      top[i] = { start: s, end: e, score: total };
      while (i > 0 && (top[i - 1] as { score: number }).score < total) {
        top[i] = top[i - 1] as { start: number; end: number; score: number };
        top[--i] = { start: s, end: e, score: total };
      }
    }
  }
  return top.map(({ start, end, score }) => ({
    start,
    end,
    probability: sigmoid(startLogits[base + start] as number) * sigmoid(ends[base + end] as number),
    score,
  }));
}

/** How many positions of a row's message text have a start above 0.5 (thresholdSpans makes a span of each). */
export function markedStarts(conversation: SerializedConversation, starts: Float32Array, row: number): number {
  const T = conversation.ids.length;
  let n = 0;
  for (let t = 0; t < T; t++) if ((starts[row * T + t] as number) > 0 && inText(conversation, t)) n++;
  return n;
}

/** Every start above 0.5 with its best end before the next such start, in text order. */
export function thresholdSpans(conversation: SerializedConversation, starts: Float32Array, ends: Float32Array, row: number): Span[] {
  const T = conversation.ids.length;
  const base = row * T;
  const chosen: number[] = [];
  for (let s = 0; s < T; s++) {
    if (inText(conversation, s) && (starts[base + s] as number) > 0) chosen.push(s);
  }
  const spans: Span[] = [];
  chosen.forEach((s, i) => {
    const next = chosen[i + 1] ?? T;
    const last = Math.min(next - 1, s + MAX_SPAN - 1, T - 1);
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let e = s; e <= last; e++) {
      if (conversation.message[e] !== conversation.message[s] || !inText(conversation, e)) break;
      const value = score(ends[base + e] as number);
      if (best < 0 || value > bestScore) {
        best = e;
        bestScore = value;
      }
    }
    if (best >= 0) {
      spans.push({
        start: s,
        end: best,
        probability: sigmoid(starts[base + s] as number) * sigmoid(ends[base + best] as number),
        score: score(starts[base + s] as number) + bestScore,
      });
    }
  });
  return spans;
}
