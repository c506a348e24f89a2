/**
 * A chained request's history: the previous response's record, then the earlier turns its index names, chosen by
 * `selectTurns` and read in one round of parallel reads. A turn that is gone (deleted, expired) is skipped and
 * counted; the previous response itself must exist (else the caller answers 404).
 */
import { ancestorOf, type AncestorRef, type TurnRecord } from "./record.js";
import { DEFAULT_SELECTION, selectTurns, type SelectionPolicy } from "./select.js";
import type { MemoryStore } from "./store.js";

export interface ChainRead {
  previous: TurnRecord;
  /** The turns read, oldest first (the previous response last). */
  turns: TurnRecord[];
  /** Turns in the chain (the previous response included). */
  total: number;
  /** Selected turns that could not be read (deleted or expired). */
  missing: number;
}

/** The index a new record keeps: the previous response, then its own index (newest first), at most `limit` long. */
export function chainIndex(previous: TurnRecord | undefined, limit = 1024): AncestorRef[] {
  return previous === undefined ? [] : [ancestorOf(previous), ...previous.ancestors].slice(0, limit);
}

export async function readChain(
  store: MemoryStore,
  tenant: string,
  previousId: string,
  query: Float32Array | undefined,
  policy: SelectionPolicy = DEFAULT_SELECTION,
): Promise<ChainRead | undefined> {
  const previous = await store.read(tenant, previousId);
  if (previous === undefined) return undefined;
  const index = chainIndex(previous);
  const wanted = selectTurns(index, query, policy).filter((id) => id !== previous.id);
  const earlier = await Promise.all(wanted.map((id) => store.read(tenant, id)));
  const turns = earlier.filter((turn): turn is TurnRecord => turn !== undefined);
  return { previous, turns: [...turns, previous], total: index.length, missing: wanted.length - turns.length };
}
