/**
 * Values that come whole. A quoted value: a span that starts right after an opening quote ends right before its
 * closing quote ("the song 'Shape of You'", not "Shape"; "game 'Valorant' in 2022", not "Valorant' in 2022"). A URL:
 * a span inside one takes all of it ("https://example.com/a.json", not "//example.com/").
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

const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;
const TRAILING = /[.,;:!?)\]'"]+$/;

/** The span, widened to the whole URL (up to white space, without sentence punctuation) when it lies inside one. */
export function toWholeUrl(conversation: SerializedConversation, span: Span): Span {
  const view = messageView(conversation, span.start);
  const i = span.start - view.first;
  const j = span.end - view.first;
  let from = i;
  while (from > 0 && !/\s/.test(view.text[from - 1] ?? "")) from--;
  const space = view.text.slice(from).search(/\s/);
  const token = view.text.slice(from, space < 0 ? undefined : from + space).replace(TRAILING, "");
  if (!URL_START.test(token) || j >= from + token.length) return span;
  return { ...span, start: view.first + from, end: view.first + from + token.length - 1 };
}

/** The span as a whole value: to its closing quote, or to its whole URL. */
export function asWholeValue(conversation: SerializedConversation, span: Span): Span {
  return toWholeUrl(conversation, toClosingQuote(conversation, span));
}
