/** Reads the request body as JSON; a body that does not parse is a 400, never a 500. */
import type { Context } from "hono";
import { invalidRequest } from "../errors.js";

export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") throw invalidRequest("The request body is empty; send a JSON object.", null, "invalid_json");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest(
      "We could not parse the JSON body of your request. Send valid JSON with 'Content-Type: application/json'.",
      null,
      "invalid_json",
    );
  }
}
