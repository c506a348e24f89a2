/**
 * A whole response as the Responses API's Server-Sent Events: `response.created`, `response.in_progress`, per
 * output item `response.output_item.added`, its content (`response.function_call_arguments.delta` pieces and
 * `.done`, or `response.content_part.added`, `response.output_text.delta` / `.done`, `response.content_part.done`)
 * and `response.output_item.done`, then `response.completed`. Every event is `event: <type>` plus its JSON with a
 * `sequence_number`.
 */
import type { OutputItem } from "./output.js";

const ARGUMENT_PIECE = 32;

function pieces(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += ARGUMENT_PIECE) out.push(text.slice(i, i + ARGUMENT_PIECE));
  return out;
}

export type ResponseEvent = Record<string, unknown> & { type: string };

function itemEvents(item: OutputItem, output_index: number): ResponseEvent[] {
  const events: ResponseEvent[] = [];
  const item_id = item.id;
  if (item.type === "function_call") {
    const text = String(item.arguments);
    events.push({ type: "response.output_item.added", output_index, item: { ...item, arguments: "", status: "in_progress" } });
    for (const delta of pieces(text)) events.push({ type: "response.function_call_arguments.delta", item_id, output_index, delta });
    events.push({ type: "response.function_call_arguments.done", item_id, output_index, name: item.name, arguments: text });
  } else {
    const parts = item.content as Array<{ text: string }>;
    events.push({ type: "response.output_item.added", output_index, item: { ...item, status: "in_progress", content: [] } });
    parts.forEach((part, content_index) => {
      const empty = { ...part, text: "" };
      events.push({ type: "response.content_part.added", item_id, output_index, content_index, part: empty });
      events.push({ type: "response.output_text.delta", item_id, output_index, content_index, delta: part.text, logprobs: [] });
      events.push({ type: "response.output_text.done", item_id, output_index, content_index, text: part.text, logprobs: [] });
      events.push({ type: "response.content_part.done", item_id, output_index, content_index, part });
    });
  }
  events.push({ type: "response.output_item.done", output_index, item });
  return events;
}

/** `started` is the response object in progress (no output), `completed` the final one. */
export function responseEvents(started: Record<string, unknown>, completed: Record<string, unknown>, output: readonly OutputItem[]): ResponseEvent[] {
  const events: ResponseEvent[] = [
    { type: "response.created", response: started },
    { type: "response.in_progress", response: started },
    ...output.flatMap(itemEvents),
    { type: "response.completed", response: completed },
  ];
  return events.map((event, sequence_number) => ({ ...event, sequence_number }));
}

export function eventStreamBody(events: readonly ResponseEvent[]): string {
  return events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join("");
}
