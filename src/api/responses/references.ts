/**
 * `item_reference` input items: an output item id (`fc_<token>_<n>`, `msg_<token>_<n>`) names the response that
 * holds it, so the item is read back from that response's record. Unknown ids are left out (readInput answers 400).
 */
import { MemoryUnavailableError, type MemoryStore } from "../../memory/index.js";
import { responseOfItem } from "./ids.js";
import type { StoredItem } from "./input.js";
import { memoryUnavailable } from "./memory.js";

export async function resolveReferences(store: MemoryStore | undefined, tenant: string, ids: readonly string[]): Promise<Map<string, StoredItem>> {
  const resolved = new Map<string, StoredItem>();
  if (store === undefined || ids.length === 0) return resolved;
  const responses = [...new Set(ids.map(responseOfItem).filter((id): id is string => id !== undefined))];
  try {
    const records = await Promise.all(responses.map((id) => store.read(tenant, id)));
    for (const record of records) {
      const output = record?.response.output;
      if (!Array.isArray(output)) continue;
      for (const item of output as StoredItem[]) if (typeof item.id === "string" && ids.includes(item.id)) resolved.set(item.id, item);
    }
  } catch (error) {
    if (error instanceof MemoryUnavailableError) throw memoryUnavailable(error);
    throw error;
  }
  return resolved;
}
