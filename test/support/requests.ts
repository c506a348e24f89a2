/** Request builders shared by the API tests. */
export const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string", description: "City name" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      },
      required: ["city"],
    },
  },
} as const;

export function chatBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: "edgecall",
    messages: [{ role: "user", content: "Paris weather please" }],
    tools: [weatherTool],
    ...overrides,
  };
}

export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}
