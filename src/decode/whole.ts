/**
 * Values that come whole. A quoted value: a span that starts right after an opening quote ends right before its
 * closing quote ("the song 'Shape of You'", not "Shape"; "game 'Valorant' in 2022", not "Valorant' in 2022"). A URL:
 * a span inside one takes all of it ("https://example.com/a.json", not "//example.com/"). A name: a span that runs
 * into a name from the request's words, or on from it into them, is the name ("features Christopher Lee", "Seattle
 * that plays jazz"), except in slots for running text.
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

/** Lower-case words that open a name ("van Gogh", "de Gaulle", "the Hague"): they stay in it. */
const PARTICLES = new Set(["van", "von", "de", "da", "di", "du", "del", "der", "la", "le", "el", "al", "bin", "ibn", "dos", "das", "the"]);
/** Lower-case words (separated by spaces or commas) before a capitalised word. */
const LOWER_LEAD = /^(?:[a-z][a-z'-]*[ ,]+)+(?=[A-Z])/;
/** A day or month name: "next Friday", "early March" are one value. */
const CALENDAR = /^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;

/**
 * The span, started at the name it runs into after lower-case words ("features Christopher Lee" -> "Christopher
 * Lee"): the words before a name are the request's, where the model points when it is unsure of the value's start.
 */
export function toName(conversation: SerializedConversation, span: Span): Span {
  const view = messageView(conversation, span.start);
  const text = view.text.slice(span.start - view.first, span.end - view.first + 1);
  const lead = LOWER_LEAD.exec(text);
  if (!lead || PARTICLES.has(text.split(/[ ,]/)[0] ?? "") || CALENDAR.test(text.slice(lead[0].length))) return span;
  return { ...span, start: span.start + lead[0].length };
}

/**
 * A name (capitalised words, with "of", "the", "and" or commas between them: "Bank of America", "Portland, OR") and
 * the word after it that starts a clause of the request ("that", "using", "for", "to", ...).
 */
const NAME_THEN_CLAUSE =
  /^[A-Z][\w.'&-]*(?:(?:\s+|,\s*)(?:[A-Z0-9][\w.'&-]*|of|the|and|de|du|von|van|&))*(?=\s+(?:that|which|who|whose|where|when|using|with|without|for|on|in|at|is|are|was|from|to|near|by|next|this|please|if|because|so|but|and\s+(?:I|we|my|also|then))\b)/;

/**
 * The span, ended with the name it starts with when a clause of the request follows it inside the span ("Seattle
 * that plays jazz" -> "Seattle", "Melbourne using" -> "Melbourne").
 */
export function toNameEnd(conversation: SerializedConversation, span: Span): Span {
  const view = messageView(conversation, span.start);
  const text = view.text.slice(span.start - view.first, span.end - view.first + 1);
  const name = NAME_THEN_CLAUSE.exec(text);
  return name ? { ...span, end: span.start + name[0].length - 1 } : span;
}

/**
 * The span as a whole value: to its closing quote, or its whole URL; a name without the request's words before or
 * after it (unless `prose`: running text keeps them).
 */
export function asWholeValue(conversation: SerializedConversation, span: Span, prose = true): Span {
  const quoted = toClosingQuote(conversation, span);
  if (quoted !== span || prose) return toWholeUrl(conversation, quoted);
  return toWholeUrl(conversation, toNameEnd(conversation, toName(conversation, span)));
}
