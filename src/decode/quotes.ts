/**
 * A quoted value is one value: a span that starts right after an opening quote ends right before its closing quote
 * ("the song 'Shape of You'", not "Shape"; "game 'Valorant' in 2022", not "Valorant' in 2022").
 */
import type { SerializedConversation } from "../model/serialize.js";
import { messageView } from "./lists.js";
import { MAX_SPAN, type Span } from "./spans.js";

const QUOTES = new Set(["'", '"']);
const WORD = /[A-Za-z0-9]/;

/** The span, made to end right before the closing quote when it starts right after an opening one. */
export function toClosingQuote(conversation: SerializedConversation, span: Span): Span {
  const view = messageView(conversation, span.start);
  const i = span.start - view.first;
  const quote = view.text[i - 1];
  if (quote === undefined || !QUOTES.has(quote) || WORD.test(view.text[i - 2] ?? "")) return span;
  for (let j = i + 1; j < view.text.length && j - i <= MAX_SPAN; j++) {
    if (view.text[j] === quote && !WORD.test(view.text[j + 1] ?? "")) return { ...span, end: view.first + j - 1 };
  }
  return span;
}
