/**
 * Which earlier turns of a chain a new turn reads. The reader reads a bounded number of bytes, so a long chain is
 * cut down to what fits: the newest turn always and the ones before it (up to `keepNewest`) while the byte budget
 * lasts, then, while it still lasts, the earlier turns whose memory vectors are most similar to the new turn's (or,
 * without vectors, the newest ones). The budget holds for the newest turns too: what the chain adds beyond it would
 * push the slot memory, read first, out of the reader's window.
 * The reads per turn are bounded by `maxTurns`, so the cost of a turn stays flat however long the chain grows.
 */
import type { AncestorRef } from "./record.js";
import { cosine, decodeVector } from "./vectors.js";

export interface SelectionPolicy {
  /** Bytes of earlier turns worth reading (what the reader reads well). */
  budgetBytes: number;
  /** The newest turns read whatever their similarity (the newest always; the others within the budget). */
  keepNewest: number;
  /** The most turns read. */
  maxTurns: number;
}

export const DEFAULT_SELECTION: SelectionPolicy = { budgetBytes: 288, keepNewest: 2, maxTurns: 12 };

/** How many of the newest turns are read whatever their similarity, and their bytes. */
function newestOf(turns: readonly AncestorRef[], policy: SelectionPolicy): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  for (const turn of turns.slice(0, policy.keepNewest)) {
    if (count > 0 && bytes + turn.bytes > policy.budgetBytes) break;
    count += 1;
    bytes += turn.bytes;
  }
  return { count, bytes };
}

/**
 * Whether the new turn's vector could change which turns `selectTurns` reads: not when nothing beyond the newest
 * turns fits what is left of the budget, nor when every turn fits. Without a choice to make, the chained request
 * skips the extra pass that computes the vector, so a turn costs one forward pass.
 */
export function similarityMatters(turns: readonly AncestorRef[], policy: SelectionPolicy = DEFAULT_SELECTION): boolean {
  const newest = newestOf(turns, policy);
  const rest = turns.slice(newest.count);
  const left = policy.budgetBytes - newest.bytes;
  const fitting = rest.filter((turn) => turn.bytes <= left);
  if (fitting.length === 0 || newest.count + 1 > policy.maxTurns) return false;
  const allFit = fitting.length === rest.length && rest.reduce((sum, turn) => sum + turn.bytes, 0) <= left;
  return !(allFit && newest.count + rest.length <= policy.maxTurns);
}

/**
 * Ids of the turns to read, oldest first. `turns` are the chain's turns newest first (the previous response first);
 * `query` is the new turn's memory vector, when there is one.
 */
export function selectTurns(turns: readonly AncestorRef[], query: Float32Array | undefined, policy: SelectionPolicy = DEFAULT_SELECTION): string[] {
  const newest = newestOf(turns, policy);
  const chosen = new Set(turns.slice(0, newest.count).map((_, index) => index));
  let bytes = newest.bytes;
  const rest = turns.map((turn, index) => ({ turn, index })).slice(newest.count);
  if (query !== undefined) {
    const score = (turn: AncestorRef): number => {
      const vector = turn.memory === null ? undefined : decodeVector(turn.memory);
      return vector === undefined || vector.length !== query.length ? -2 : cosine(vector, query);
    };
    const scores = new Map(rest.map(({ turn, index }) => [index, score(turn)]));
    rest.sort((a, b) => (scores.get(b.index) ?? -2) - (scores.get(a.index) ?? -2) || a.index - b.index);
  }
  for (const { turn, index } of rest) {
    if (chosen.size >= policy.maxTurns) break;
    if (bytes + turn.bytes > policy.budgetBytes) continue;
    chosen.add(index);
    bytes += turn.bytes;
  }
  return [...chosen].sort((a, b) => b - a).map((index) => turns[index]?.id ?? "");
}
