/**
 * One stored response: an immutable record, written once and never updated. A record holds its own turn (the input
 * items and the answer, as the reader sees them and as the wire format returns them) and a short index of the turns
 * before it in its chain (id, size, memory vector), so a chained request reads the turns it needs in one round of
 * parallel reads, however long the chain is.
 */
import type { ChatMessage } from "../caller/types.js";

export const RECORD_VERSION = 1;

/** An earlier turn of a chain, as the index in a later record names it. */
export interface AncestorRef {
  id: string;
  /** UTF-8 bytes of the turn's message texts (what the reader would read of it). */
  bytes: number;
  /** The turn's memory vector (base64 float32), when the model gave one. */
  memory: string | null;
  /** The turn's slot values (src/memory/slots.ts), read when the turn itself is not. */
  slots: SlotValue[];
}

/** A value an earlier call or tool output carried (an order id, an amount), kept so a later "cancel it" finds it. */
export interface SlotValue {
  /** The argument or output field it was under (`order_id`). */
  name: string;
  value: string | number | boolean;
}

export interface TurnRecord {
  v: typeof RECORD_VERSION;
  id: string;
  created_at: number;
  previous_response_id: string | null;
  /** Hash of the tool set the turn was answered with (null without tools). */
  tool_set: string | null;
  /** This turn's input and answer as chat messages (instructions excluded: they are not carried over). */
  messages: ChatMessage[];
  /** Earlier turns of the chain, newest first. */
  ancestors: AncestorRef[];
  memory: string | null;
  /** Values of this turn's calls and tool outputs. */
  slots: SlotValue[];
  /** The wire payloads returned by GET (the response object) and by input_items, stored as given. */
  response: Record<string, unknown>;
  input_items: Record<string, unknown>[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";
const isNullableString = (value: unknown): value is string | null => value === null || typeof value === "string";

function isMessage(value: unknown): value is ChatMessage {
  return isRecord(value) && isString(value.role) && isNullableString(value.content);
}

function isAncestor(value: unknown): value is AncestorRef {
  return (
    isRecord(value) &&
    isString(value.id) &&
    typeof value.bytes === "number" &&
    isNullableString(value.memory) &&
    Array.isArray(value.slots) &&
    value.slots.every(isSlot)
  );
}

function isSlot(value: unknown): value is SlotValue {
  return isRecord(value) && isString(value.name) && ["string", "number", "boolean"].includes(typeof value.value);
}

/** A stored text back as a record, or undefined when it is not a whole record of this id (never a partial one). */
export function parseRecord(text: string, id: string): TurnRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.v !== RECORD_VERSION || value.id !== id) return undefined;
  const whole =
    typeof value.created_at === "number" &&
    isNullableString(value.previous_response_id) &&
    isNullableString(value.tool_set) &&
    Array.isArray(value.messages) &&
    value.messages.every(isMessage) &&
    Array.isArray(value.ancestors) &&
    value.ancestors.every(isAncestor) &&
    isNullableString(value.memory) &&
    Array.isArray(value.slots) &&
    value.slots.every(isSlot) &&
    isRecord(value.response) &&
    Array.isArray(value.input_items) &&
    value.input_items.every(isRecord);
  return whole ? (value as unknown as TurnRecord) : undefined;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of what the reader reads of these messages. */
export function messageBytes(messages: readonly ChatMessage[]): number {
  let total = 0;
  for (const message of messages) {
    total += encoder.encode(message.content ?? "").byteLength;
    for (const call of message.tool_calls ?? []) total += encoder.encode(call.function.name + call.function.arguments).byteLength;
  }
  return total;
}

/** The index entry a later record keeps for this one. */
export function ancestorOf(record: TurnRecord): AncestorRef {
  return { id: record.id, bytes: messageBytes(record.messages), memory: record.memory, slots: record.slots };
}
