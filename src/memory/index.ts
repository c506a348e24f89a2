export { readChain, chainIndex, MAX_INDEX, SLOT_MEMORY_BYTES, type ChainRead } from "./chain.js";
export { slotMessage, slotsOf, MAX_SLOTS_PER_TURN } from "./slots.js";
export { KV_MAX_VALUE_BYTES, type MemoryKv } from "./kv.js";
export { ancestorOf, messageBytes, parseRecord, RECORD_VERSION, type AncestorRef, type SlotValue, type TurnRecord } from "./record.js";
export { DEFAULT_SELECTION, selectTurns, type SelectionPolicy } from "./select.js";
export { readMemorySettings, DEFAULT_MEMORY_SETTINGS, type MemoryEnv, type MemorySettings } from "./settings.js";
export { memoryRegistry, MemoryStore, MemoryUnavailableError, type MemoryFailure, type WriteOutcome } from "./store.js";
export { tenantOf } from "./tenant.js";
export { cosine, decodeVector, encodeVector, meanVector } from "./vectors.js";
