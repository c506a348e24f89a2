/** Request builders for the Responses API tests. */
export const orderTool = {
  type: "function",
  name: "get_order_status",
  description: "Look up the status of an order",
  parameters: { type: "object", properties: { order_id: { type: "string", description: "The order number" } }, required: ["order_id"] },
} as const;

export function responsesBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: "edgecall", input: "A-1042 where is it?", tools: [orderTool], ...overrides };
}

export const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });
