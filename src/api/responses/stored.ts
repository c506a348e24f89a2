/**
 * Stored responses: GET /v1/responses/{id}, DELETE /v1/responses/{id} and GET /v1/responses/{id}/input_items,
 * each only for the tenant that created the response (another tenant's id is a 404, never a 403).
 */
import type { Context, Handler } from "hono";
import { MemoryUnavailableError, readMemorySettings, tenantOf, type MemoryStore, type TurnRecord } from "../../memory/index.js";
import { invalidRequest } from "../errors.js";
import type { Env } from "../settings.js";
import type { MemoryLookup } from "./create.js";
import { memoryUnavailable, notFound } from "./memory.js";

async function withMemory<T>(
  c: Context<{ Bindings: Env }>,
  memory: MemoryLookup,
  use: (store: MemoryStore, tenant: string, id: string) => Promise<T | undefined>,
): Promise<T> {
  const id = c.req.param("id") ?? "";
  const store = memory(c.env?.MEMORY, readMemorySettings(c.env));
  if (store === undefined) throw notFound(id);
  const tenant = await tenantOf(c.req.header("Authorization"));
  let found: T | undefined;
  try {
    found = await use(store, tenant, id);
  } catch (error) {
    if (error instanceof MemoryUnavailableError) throw memoryUnavailable(error);
    throw error;
  }
  if (found === undefined) throw notFound(id);
  return found;
}

export function getResponse(memory: MemoryLookup): Handler<{ Bindings: Env }> {
  return async (c) => c.json(await withMemory(c, memory, async (store, tenant, id) => (await store.read(tenant, id))?.response));
}

export function deleteResponse(memory: MemoryLookup): Handler<{ Bindings: Env }> {
  return async (c) => {
    const id = await withMemory(c, memory, async (store, tenant, given) => ((await store.remove(tenant, given)) ? given : undefined));
    return c.json({ id, object: "response.deleted", deleted: true });
  };
}

function limitOf(value: string | undefined): number {
  if (value === undefined) return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw invalidRequest("Invalid 'limit': an integer from 1 to 100.", "limit", "invalid_value");
  return limit;
}

/** One page of a record's input items: `order` asc | desc (default desc), `after` an item id, `limit` 1..100. */
export function inputItemsPage(
  record: TurnRecord,
  query: { order?: string | undefined; after?: string | undefined; limit?: string | undefined },
): Record<string, unknown> {
  if (query.order !== undefined && query.order !== "asc" && query.order !== "desc") {
    throw invalidRequest("Invalid 'order': supported values are 'asc', 'desc'.", "order", "invalid_value");
  }
  const limit = limitOf(query.limit);
  const items = query.order === "asc" ? record.input_items : [...record.input_items].reverse();
  let from = 0;
  if (query.after !== undefined) {
    const at = items.findIndex((item) => item.id === query.after);
    if (at < 0) throw invalidRequest(`No input item with id '${query.after}' in this response.`, "after", "invalid_value");
    from = at + 1;
  }
  const data = items.slice(from, from + limit);
  return {
    object: "list",
    data,
    first_id: (data[0]?.id as string | undefined) ?? null,
    last_id: (data[data.length - 1]?.id as string | undefined) ?? null,
    has_more: from + limit < items.length,
  };
}

export function listInputItems(memory: MemoryLookup): Handler<{ Bindings: Env }> {
  return async (c) => {
    const record = await withMemory(c, memory, (store, tenant, id) => store.read(tenant, id));
    return c.json(inputItemsPage(record, { order: c.req.query("order"), after: c.req.query("after"), limit: c.req.query("limit") }));
  };
}
