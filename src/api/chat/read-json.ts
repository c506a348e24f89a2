/** Reads the request body as JSON; a body that does not parse is a 400, never a 500. */
import type { Context } from "hono";
import { invalidRequest } from "../errors.js";
import { jsonDepthExceeds, MAX_JSON_DEPTH } from "./json-depth.js";

export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") throw invalidRequest("The request body is empty; send a JSON object.", null, "invalid_json");
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest(
      "We could not parse the JSON body of your request. Send valid JSON with 'Content-Type: application/json'.",
      null,
      "invalid_json",
    );
  }
  if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
    throw invalidRequest(`The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`, null, "nesting_too_deep");
  }
  return body;
}
