/**
 * A chained request's history: the previous response's record, then the earlier turns its index names. While the
 * whole chain fits the reading budget every turn is read; beyond it, `selectTurns` picks the turns (the newest,
 * then the most similar to the new turn by memory vector) and the values of the turns left out come along as slot
 * memory. The chosen turns are read in one round of parallel reads. A turn that is gone (deleted, expired) is
 * skipped and counted; the previous response itself must exist (else the caller answers 404).
 */
import type { ChatMessage } from "../caller/types.js";
import { ancestorOf, type AncestorRef, type TurnRecord } from "./record.js";
import { DEFAULT_SELECTION, selectTurns, similarityMatters, type SelectionPolicy } from "./select.js";
import { slotMessage } from "./slots.js";
import type { MemoryStore } from "./store.js";

/** Longest chain index a record keeps (older turns are forgotten). */
export const MAX_INDEX = 256;
/** Bytes of slot memory read for the turns left out. */
export const SLOT_MEMORY_BYTES = 160;

export interface ChainRead {
  previous: TurnRecord;
  /** The history to read: slot memory of the turns left out (if any), then the turns read, oldest first. */
  messages: ChatMessage[];
  /** Turns in the chain (the previous response included), turns read, selected turns that were gone. */
  total: number;
  read: number;
  missing: number;
  /** How the turns were chosen: all of them, by similarity to the new turn, or the newest (without vectors, or when a vector could not change the choice). */
  selection: "all" | "similarity" | "newest";
}

/** The index a new record keeps: the previous response, then its own index (newest first). */
export function chainIndex(previous: TurnRecord | undefined, limit = MAX_INDEX): AncestorRef[] {
  return previous === undefined ? [] : [ancestorOf(previous), ...previous.ancestors].slice(0, limit);
}

export async function readChain(
  store: MemoryStore,
  tenant: string,
  previousId: string,
  /** The new turn's memory vector, asked for only when the chain is too long to read whole and it can change the choice. */
  query: () => Promise<Float32Array | undefined>,
  policy: SelectionPolicy = DEFAULT_SELECTION,
): Promise<ChainRead | undefined> {
  const previous = await store.read(tenant, previousId);
  if (previous === undefined) return undefined;
  const index = chainIndex(previous);
  const whole = index.length <= policy.maxTurns && index.reduce((sum, turn) => sum + turn.bytes, 0) <= policy.budgetBytes;
  const vector = whole || !similarityMatters(index, policy) ? undefined : await query();
  const wanted = whole ? index.map((turn) => turn.id).reverse() : selectTurns(index, vector, policy);
  const chosen = new Set(wanted);
  const others = wanted.filter((id) => id !== previous.id);
  const earlier = (await Promise.all(others.map((id) => store.read(tenant, id)))).filter((turn): turn is TurnRecord => turn !== undefined);
  const turns = [...earlier, previous];
  const left = index.filter((turn) => !chosen.has(turn.id)).flatMap((turn) => turn.slots);
  const slots = slotMessage(left, SLOT_MEMORY_BYTES);
  return {
    previous,
    messages: [...(slots === undefined ? [] : [slots]), ...turns.flatMap((turn) => turn.messages)],
    total: index.length,
    read: turns.length,
    missing: others.length - earlier.length,
    selection: whole ? "all" : vector === undefined ? "newest" : "similarity",
  };
}
