/**
 * Values that come whole. A quoted value: a span that starts right after an opening quote ends right before its
 * closing quote ("the song 'Shape of You'", not "Shape"; "game 'Valorant' in 2022", not "Valorant' in 2022"). A URL:
 * a span inside one takes all of it ("https://example.com/a.json", not "//example.com/"). A name: a span that runs
 * into a name from the request's words, or on from it into them, is the name ("features Christopher Lee", "Seattle
 * that plays jazz"), except in slots for running text.
 */
import type { SerializedConversation } from "../../model/serialize.js";
import { en } from "../../lang/en.js";
import { messageView } from "./lists.js";
import { MAX_SPAN, type Span } from "../read/spans.js";

const QUOTES = new Set(["'", '"']);
const WORD = /[A-Za-z0-9]/;

/** An opening quote inside a span: after white space, before a word, and not closed later in the span. */
const OPENING = /(?<=\s)(['"])(?=[^\s'"])(?![^'"]*\1)/;

/**
 * The span, started after a quote it opens and does not close ("will be 'pascal" -> "pascal", which toClosingQuote
 * then ends at its closing quote): the quoted words are the value, the words before them the request's.
 */
export function toQuoteOpened(conversation: SerializedConversation, span: Span): Span {
  const view = messageView(conversation, span.start);
  const text = view.text.slice(span.start - view.first, span.end - view.first + 1);
  const m = OPENING.exec(text);
  return m && m.index > 0 ? { ...span, start: span.start + m.index + 1 } : span;
}

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

/** A joiner inside a token and the letter or digit after it ("_name", ".csv", "/mole", ":30"); not a hyphen ("gas-powered"). */
const TOKEN_GOES_ON = /^[_/.:][A-Za-z0-9]/;

/**
 * The span, widened to the end of the token it cuts ("your_dataset" -> "your_dataset_name", "C:/data/cars" ->
 * "C:/data/cars.csv", "grams/" -> "grams/mole"), without sentence punctuation: the end pointer stops at a joiner
 * inside a token.
 */
export function toWholeToken(conversation: SerializedConversation, span: Span): Span {
  const view = messageView(conversation, span.start);
  let j = span.end - view.first;
  const last = view.text[j] ?? "";
  const after = view.text.slice(j + 1);
  const cut = /[_/]/.test(last) ? /^[A-Za-z0-9]/.test(after) : /[A-Za-z0-9]/.test(last) && TOKEN_GOES_ON.test(after);
  if (!cut) return span;
  while (j + 1 < view.text.length && !/\s/.test(view.text[j + 1] ?? "")) j++;
  const token = view.text.slice(span.start - view.first, j + 1).replace(TRAILING, "");
  return { ...span, end: span.start + token.length - 1 };
}

/** Lower-case words that open a name ("van Gogh", "de Gaulle", "the Hague"): they stay in it. */
const PARTICLES = new Set(en.NAME_PARTICLES);
/** Lower-case words (separated by spaces or commas) before a capitalised word. */
const LOWER_LEAD = /^(?:[a-z][a-z'-]*[ ,]+)+(?=[A-Z])/;
/**
 * A day or month name, or its abbreviation, as a whole word: "next Friday", "early March" are one value; "Janelle" and
 * "Marcus" are names (a prefix-only test had read them as months).
 */
const CALENDAR = new RegExp(String.raw`^(?:${en.CALENDAR_NAMES.join("|")})(?![a-z])`);

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
const NAME_THEN_CLAUSE = new RegExp(
  String.raw`^[A-Z][\w.'&-]*(?:(?:\s+|,\s*)(?:[A-Z0-9][\w.'&-]*|of|the|and|de|du|von|van|&))*(?=\s+(?:${en.CLAUSE_OPENERS.join("|")})\b)`,
);

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
 * Where a value never runs on: past an ISO date it opens with into words ("2022-04-27 afternoon"), past the
 * comma after a code it opens with ("849804259, XU54NJ79", "FVV-9081, Rundi"), into a reference ("Faroe according to crewmen"), a clause opened
 * by "having" ("Vincennes, South Sudan having applicants") or a
 * relative clause ("pasta carbonara which contains"), over a sentence's
 * end ("moondream2. The question", not after "St." or "Inc.") or a semicolon ("EUR; to JPY"), or into a clause after
 * a comma ("Tel Aviv, and could you").
 */
const AFTER_VALUE = new RegExp(
  String.raw`(?<=^\d{4}-\d{2}-\d{2})\s+(?=[a-z])|(?<=^[^\s,]*\d[^\s,]*),\s|\s+(?:${en.CLAUSE_AFTER_VALUE.join("|")})\b|\s+(?:${en.RELATIVE_WORDS.join("|")})\s|;\s|(?<=[\w)'"][a-z0-9)'"]{3})[.!?]\s+(?=[A-Z])|,\s+(?=(?:${en.CLAUSE_AFTER_COMMA.join("|")})\s)`,
);
/**
 * A connector or function word a value never ends with ("Jamaica and", "May 1 &", "water under", "John Doe has a"):
 * lower case only, so "Vitamin A" keeps its letter (beyond the connectors); nor with a
 * greeting ("Kiritimati hey") or a switch's verb ("Ninth Suburbs disable").
 */
const TRAILING_WORDS = new RegExp(String.raw`(?:[\s,;]+(?:${en.VALUE_NEVER_ENDS_WITH.join("|")}))+$`);

/** A UTF-8 lead byte of U+3000-U+9FFF (CJK punctuation, kana, ideographs) or of the full-width forms ("，", "："). */
function opensCjk(conversation: SerializedConversation, t: number): boolean {
  const id = conversation.ids[t] as number;
  return (id >= 0xe3 && id <= 0xe9) || (id === 0xef && [0xbc, 0xbd].includes(conversation.ids[t + 1] as number));
}

/**
 * The span, ended where the request's words take over inside it (AFTER_VALUE), or, in a value
 * that starts in Latin script, the first CJK character ("Grossing Reapplied Ogres和给ee23ea01f", "Phoenix，country是
 * Uruguay"); and without a connector at its end ("CHF &").
 */
export function toValueEnd(conversation: SerializedConversation, span: Span): Span {
  const view = messageView(conversation, span.start);
  const i = span.start - view.first;
  let text = view.text.slice(i, span.end - view.first + 1);
  if (/^[A-Za-z0-9]/.test(text)) {
    const cjk = [...text].findIndex((_, k) => opensCjk(conversation, span.start + k));
    if (cjk > 0) text = text.slice(0, cjk);
  }
  const stop = AFTER_VALUE.exec(text);
  if (stop && stop.index > 0) text = text.slice(0, stop.index);
  const trailing = TRAILING_WORDS.exec(text);
  if (trailing && trailing.index > 0) text = text.slice(0, trailing.index);
  text = text.trimEnd();
  return text.length === span.end - span.start + 1 || text.length === 0 ? span : { ...span, end: span.start + text.length - 1 };
}

/** The suffix of a day written as an ordinal ("16th"), as a regular-expression source. */
const ORDINAL = String.raw`(?:${en.ORDINAL_SUFFIXES.join("|")})`;
/** A month's name or its abbreviation, as a regular-expression source (matched without regard to case). */
const MONTH = String.raw`(?:${en.MONTH_NAMES.join("|")})`;
/** A month's name or its abbreviation, alone. */
const MONTH_ALONE = new RegExp(String.raw`^${MONTH}\.?$`, "i");
/** The day before a month: "the 16th of ", "5 ". */
const DAY_BEFORE = new RegExp(String.raw`(?:\bthe\s+)?\b\d{1,2}${ORDINAL}?\s+(?:of\s+)?$`, "i");
/** A month and its day written before a year ("April 11th, ", "the 5th of march ", "Nov. 15, "). */
const DATE_BEFORE_YEAR = new RegExp(String.raw`(?:\b(?:the\s+)?\d{1,2}${ORDINAL}?\s+(?:of\s+)?)?\b${MONTH}\.?(?:\s+\d{1,2}${ORDINAL}?)?,?\s+$`, "i");
/** The day and year after a month: " 16th 2025", ". 15, 2025", " 2025". */
const DAY_AFTER = new RegExp(String.raw`^\.?(?:\s+\d{1,2}${ORDINAL}?\b(?:,?\s+\d{4}\b)?|,?\s+\d{4}\b)`, "i");

/**
 * The span, widened from a month's name to the date written around it ("January" -> "the 16th of January",
 * "September" -> "September 5th 2023", "Nov" -> "Nov. 15, 2025"): a month alone is seldom the value; a span that
 * opens with a month and its year or day takes the day written before it too ("february 2022" -> "the 18th of
 * february 2022"), and a year alone the month and day before it ("2023" -> "April 11th,
 * 2023").
 */
export function toWholeDate(conversation: SerializedConversation, span: Span): Span {
  const view = messageView(conversation, span.start);
  const i = span.start - view.first;
  const j = span.end - view.first + 1;
  const text = view.text.slice(i, j);
  if (/^\d{4}$/.test(text)) {
    const date = DATE_BEFORE_YEAR.exec(view.text.slice(0, i));
    return date ? { ...span, start: span.start - date[0].length } : span;
  }
  if (!MONTH_ALONE.test(text)) {
    const month = /^\S+/.exec(text)?.[0] ?? "";
    const rest = text.slice(month.length);
    if (!MONTH_ALONE.test(month) || !rest || DAY_AFTER.exec(rest)?.[0] !== rest) return span;
    const head = DAY_BEFORE.exec(view.text.slice(0, i))?.[0].length ?? 0;
    return head === 0 ? span : { ...span, start: span.start - head };
  }
  const after = DAY_AFTER.exec(view.text.slice(j));
  const before = DAY_BEFORE.exec(view.text.slice(0, i));
  const year = before ? /^,?\s+\d{4}\b/.exec(view.text.slice(j)) : null;
  const head = before?.[0].length ?? 0;
  const tail = (before ? year : after)?.[0].length ?? 0;
  if (head === 0 && tail === 0) return span;
  return { ...span, start: span.start - head, end: span.end + tail };
}

/** A capitalised word (not an acronym or a code: "SKU", "EHX-904"). */
const CAPITALISED = /^[A-Z][a-z][a-z'&-]*$/;
/** The words a name's words may be joined by ("Museum of Art", "Lord of the Rings"). */
const JOINERS = new Set(en.NAME_JOINERS);

interface Word {
  text: string;
  /** Position of its first byte in the conversation. */
  start: number;
}

/** The words of message views already split (a view is cached per conversation and message, see messageView). */
const wordsOfView = new WeakMap<{ first: number; text: string }, Word[]>();

function wordsOf(view: { first: number; text: string }): Word[] {
  let words = wordsOfView.get(view);
  if (!words) {
    words = [...view.text.matchAll(/[^\s,;:!?()"]+/g)].map((m) => ({ text: m[0].replace(/\.$/, ""), start: view.first + (m.index as number) }));
    wordsOfView.set(view, words);
  }
  return words;
}

/** A word that may be part of a name: capitalised (a full stop after it is cut off), no day or month name. */
function namePart(word: Word | undefined): word is Word {
  return word !== undefined && CAPITALISED.test(word.text) && !CALENDAR.test(word.text);
}

/**
 * The span, widened over the capitalised words next to it that continue its name ("Premier" -> "Premier League",
 * "Metropolitan" -> "Metropolitan Museum of Art"). Only words one space apart join; a word that opens a sentence is
 * no part of a name before it.
 */
export function toWholeName(conversation: SerializedConversation, span: Span): Span {
  const view = messageView(conversation, span.start);
  const words = wordsOf(view);
  const endOf = (w: Word) => w.start + w.text.length;
  const oneSpaceApart = (a: Word, b: Word) => b.start === endOf(a) + 1 && view.text[endOf(a) - view.first] === " ";
  const opensSentence = (w: Word) => /(?:^|[.!?:])\s*$/.test(view.text.slice(0, w.start - view.first));
  const first = words.findIndex((w) => w.start <= span.start && span.start < endOf(w));
  const last = words.findIndex((w) => w.start <= span.end && span.end < endOf(w));
  if (!namePart(words[first]) || !namePart(words[last])) return span;
  let end = last;
  for (let j = last + 1; j < words.length && oneSpaceApart(words[j - 1] as Word, words[j] as Word); j++) {
    if (namePart(words[j])) end = j;
    else if (!JOINERS.has(words[j]?.text ?? "")) break;
  }
  let start = first;
  while (
    start > 0 &&
    namePart(words[start - 1]) &&
    oneSpaceApart(words[start - 1] as Word, words[start] as Word) &&
    !opensSentence(words[start - 1] as Word)
  )
    start--;
  if (start === first && end === last) return span;
  return { ...span, start: Math.min(span.start, (words[start] as Word).start), end: Math.max(span.end, endOf(words[end] as Word) - 1) };
}

/** A parameter assigned inside a span ("sagebrush=ordnance overbooks cats", "=22491"); not in a URL or a formula. */
const ASSIGNMENT = /^(?:[^=/?]*?[A-Za-z]{2}\s*)?=\s*(?=[\w'"])(?![^=]*[=/?])/;

/**
 * An identifier's label before a code ("UUID AB1010CD", "ID 'user-123'", "no. 4471"), a lower-case "the" before
 * a lower-case word ("the default"; "The Thinker" keeps its article), or a relative day before the date it names
 * ("today April 25th 2023"): never part of the value.
 */
const LABEL = [
  new RegExp(String.raw`^(?:${en.ID_LABELS.join("|")})\s*[:=]?\s*['"]?(?=\S*\d)`, "i"),
  /^the\s+(?=[a-z])/,
  new RegExp(String.raw`^(?:${en.RELATIVE_DAYS.join("|")}),?\s+(?=${MONTH}|\d)`, "i"),
];

/**
 * The span without an identifier's label before it (LABEL) or a parameter's name assigned before the value inside it
 * ("postal code=22491" -> "22491").
 */
export function toAssignedValue(conversation: SerializedConversation, span: Span): Span {
  const view = messageView(conversation, span.start);
  const text = view.text.slice(span.start - view.first, span.end - view.first + 1);
  const label = LABEL.map((pattern) => pattern.exec(text)?.[0].length ?? 0).find((length) => length > 0) ?? 0;
  if (label > 0 && label < text.length) return { ...span, start: span.start + label };
  const name = ASSIGNMENT.exec(text);
  return name && name[0].length < text.length ? { ...span, start: span.start + name[0].length } : span;
}

/**
 * The span as a whole value: after a parameter name assigned inside it (toAssignedValue; found among held-out
 * failures), to its closing quote, its whole URL or the end
 * of the token it cuts (toWholeToken); a name without the request's words before or after it, a month with the date
 * written around it, and a name with the rest of its capitalised words (unless `prose`: running text keeps its span).
 */
export function asWholeValue(conversation: SerializedConversation, whole: Span, prose = true): Span {
  const span = toQuoteOpened(conversation, toAssignedValue(conversation, whole));
  const quoted = toClosingQuote(conversation, span);
  if (quoted !== span || prose) return toWholeToken(conversation, toWholeUrl(conversation, quoted));
  return toWholeToken(
    conversation,
    toWholeUrl(
      conversation,
      toWholeName(conversation, toWholeDate(conversation, toValueEnd(conversation, toNameEnd(conversation, toName(conversation, span))))),
    ),
  );
}
