/**
 * Which earlier turns of a chain a new turn reads. The reader reads a bounded number of bytes, so a long chain is
 * cut down to what fits: the newest turns always (up to `keepNewest`), then, while the byte budget lasts, the
 * earlier turns whose memory vectors are most similar to the new turn's (or, without vectors, the newest ones).
 * The reads per turn are bounded by `maxTurns`, so the cost of a turn stays flat however long the chain grows.
 */
import type { AncestorRef } from "./record.js";
import { cosine, decodeVector } from "./vectors.js";

export interface SelectionPolicy {
  /** Bytes of earlier turns worth reading (what the reader reads well). */
  budgetBytes: number;
  /** The newest turns read whatever their similarity. */
  keepNewest: number;
  /** The most turns read. */
  maxTurns: number;
}

export const DEFAULT_SELECTION: SelectionPolicy = { budgetBytes: 288, keepNewest: 2, maxTurns: 12 };

/**
 * Ids of the turns to read, oldest first. `turns` are the chain's turns newest first (the previous response first);
 * `query` is the new turn's memory vector, when there is one.
 */
export function selectTurns(turns: readonly AncestorRef[], query: Float32Array | undefined, policy: SelectionPolicy = DEFAULT_SELECTION): string[] {
  const chosen = new Set<number>();
  let bytes = 0;
  turns.forEach((turn, index) => {
    if (index < policy.keepNewest) {
      chosen.add(index);
      bytes += turn.bytes;
    }
  });
  const rest = turns.map((turn, index) => ({ turn, index })).slice(policy.keepNewest);
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
