/**
 * response_format through real workerd (the extraction reads through onnxruntime-web, its validator runs without
 * code generation): the official client's chat.completions.parse with a zod schema, strict json_schema content that
 * validates, the same content streamed, json_object refused in OpenAI's shape, and x_edgecall.tool_set. Values are
 * the model's and not fixed here (it gets retrained); what is checked is the contract.
 */
import Ajv from "ajv";
import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { E2E_API_KEY } from "./settings.js";

const baseUrl = inject("edgecallBaseUrl");
const client = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: E2E_API_KEY, maxRetries: 0 });
const Address = z.object({ street: z.string(), city: z.string(), postal_code: z.string(), country: z.string(), apartment: z.string().nullable() });
const text = "Please send my order to 221B Baker Street, London NW1 6XE, United Kingdom.";
const messages = [
  { role: "system" as const, content: "Extract the shipping address." },
  { role: "user" as const, content: text },
];

describe("structured outputs against workerd", () => {
  it("chat.completions.parse with a zod schema gives a parsed value that validates", async () => {
    const format = zodResponseFormat(Address, "address");
    const completion = await client.chat.completions.parse({ model: "edgecall", messages, response_format: format });
    const message = completion.choices[0]?.message;
    expect(message?.refusal ?? null).toBeNull();
    expect(Address.safeParse(message?.parsed).success).toBe(true);
    const valid = new Ajv({ strict: false }).compile(format.json_schema.schema ?? {});
    expect(valid(JSON.parse(message?.content ?? "null")), JSON.stringify(valid.errors)).toBe(true);
    expect(Object.values(message?.parsed ?? {}).some((v) => typeof v === "string" && v !== "" && text.includes(v))).toBe(true);
  });

  it("streams the same content as it answers whole", async () => {
    const response_format = zodResponseFormat(Address, "address");
    const whole = await client.chat.completions.create({ model: "edgecall", messages, response_format });
    const stream = await client.chat.completions.create({ model: "edgecall", messages, response_format, stream: true });
    let content = "";
    for await (const chunk of stream) content += chunk.choices[0]?.delta?.content ?? "";
    expect(content).toBe(whole.choices[0]?.message.content);
  });

  it("refuses json_object without an origin with a 400 in OpenAI's shape", async () => {
    const error = await client.chat.completions
      .create({ model: "edgecall", messages, response_format: { type: "json_object" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("response_format.type");
  });

  it("reports the tool set the edge read", async () => {
    const response = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${E2E_API_KEY}` },
      body: JSON.stringify({ model: "edgecall", messages, response_format: zodResponseFormat(Address, "address") }),
    });
    const body = (await response.json()) as { x_edgecall?: { tool_set?: string } };
    expect(["registered", "compiled"]).toContain(body.x_edgecall?.tool_set);
  });
});
