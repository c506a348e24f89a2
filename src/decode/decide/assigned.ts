/**
 * A value the conversation assigns to a parameter by its name ("a=1, b=-3", "order_id: A-1042"): the user has said
 * which value is which, whatever the pointer heads make of a name too short for the matching features.
 */
import { lastMessageText, type SerializedConversation } from "../../model/serialize.js";
import { wordRuns } from "../../model/words.js";
import type { SchemaElement, Slot } from "../../tools/types.js";
import { messageView } from "../parse/lists.js";
import { en } from "../../lang/en.js";
import { zh } from "../../lang/zh.js";
import { parseNumberWords } from "../parse/number-words.js";
import type { Span } from "../read/spans.js";

/** The text as a regular expression that matches it literally. */
export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A parameter name's words, lower case: "startYear", "start_year" and "start-year" are ["start", "year"]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * A parameter name as written in text, as a regular-expression source: its words joined by spaces, "_", "-" or
 * nothing, a number apart from the word it ends ("gift_wrap" or "gift wrap"; "lang2" or "lang 2"); empty for a name
 * without words.
 */
export function spokenName(name: string): string {
  return nameWords(name)
    .flatMap((w) => w.split(/(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/))
    .map(escape)
    .join(String.raw`[\s_-]*`);
}

/** The view of the conversation's last message, or null when it has no text. */
export function lastMessage(conversation: SerializedConversation): { first: number; text: string } | null {
  let last = conversation.ids.length - 1;
  while (last >= 0 && (conversation.offset[last] as number) < 0) last--;
  return last < 0 ? null : messageView(conversation, last);
}

/** A name's leading words that say it counts ("num_tickets", "number_of_guests"): the text counts the rest. */
const QUANTITY_WORD = new RegExp(String.raw`^(?:${en.QUANTITY_WORDS.join("|")})$`);

/**
 * A parameter name's spoken form, after its quantity words, whose last word may be singular or plural ("bedrooms":
 * "bedroom" or "bedrooms"; "children": "child" too), as a regular-expression source; empty for a name without words.
 */
function countedName(name: string): string {
  const words = nameWords(name);
  while (words.length > 1 && QUANTITY_WORD.test(words[0] as string)) words.shift();
  const last = words.pop();
  if (last === undefined || !/^[a-z]{3,}$/.test(last)) return "";
  const forms = new Set([last, `${last}s`, `${last}es`, last.replace(/(?:ren|es|s)$/, ""), last.replace(/s$/, "")]);
  return [...words.map(escape), `(?:${[...forms].map(escape).join("|")})`].join(String.raw`[\s_-]*`);
}

interface NamePatterns {
  /** "name=" or "name:" before a value; null for a name that is not one word. */
  assigned: RegExp | null;
  /** The name's words right before a value ("user id 43523", "max price: 20"), anchored at the end; null without words. */
  label: RegExp | null;
  /** A number right before the name ("3 bedrooms", "two adults", "600 at-bats"); null without a counted word. */
  counted: RegExp | null;
  /** Each meaningful word of the name, or a word sharing its first five letters (mentionedBoolean). */
  mentioned: RegExp[];
  /** "name: yes", "name off" (group 1 or 2), "enable name", "without name" (group 1); none for a name without words. */
  said: RegExp[];
}

/** The patterns of a slot's parameter name, built once per compiled slot (compiled tool sets are cached). */
const patternsOfSlot = new WeakMap<Slot, NamePatterns>();

function patternsOf(slot: Slot): NamePatterns {
  let patterns = patternsOfSlot.get(slot);
  if (!patterns) {
    const name = slot.path[slot.path.length - 1] ?? "";
    const spoken = spokenName(name);
    const counted = countedName(name);
    patterns = {
      assigned: /^[\w.-]+$/.test(name) ? new RegExp(String.raw`(?<![\w.-])${escape(name)}\s*[=:]\s*(?![\s,;])`, "ig") : null,
      label: spoken ? new RegExp(String.raw`(?<![\w-])${spoken}\s*[:=]?\s*["']?$`, "i") : null,
      counted: counted
        ? new RegExp(
            String.raw`(?<![\w.,-])(-?\d+(?:,\d{3})*(?:\.\d+)?(?:\s+(?:${en.COUNTED_MAGNITUDE_WORDS.join("|")}))?|[a-z]+)\s+${counted}(?![\w-])`,
            "gi",
          )
        : null,
      mentioned: nameWords(name)
        .filter((w) => !EMPTY_WORDS.has(w) && w.length >= 2)
        .map((w) => new RegExp(String.raw`(?<![a-z0-9])${w.length >= 5 ? `${escape(w.slice(0, 5))}[a-z]*` : `${escape(w)}(?:s|es)?`}(?![a-z0-9])`)),
      said: spoken
        ? [
            new RegExp(
              String.raw`(?<![\w-])${spoken}\s*(?:[:=]\s*(${en.SAID_AFTER_COLON.join("|")})|\s(${en.SAID_AFTER_NAME.join("|")}))(?![\w-])`,
              "gi",
            ),
            new RegExp(String.raw`(?<![\w-])(${en.SAID_BEFORE_NAME.join("|")})\s+(?:the\s+)?${spoken}(?![\w-])`, "gi"),
          ]
        : [],
    };
    patternsOfSlot.set(slot, patterns);
  }
  return patterns;
}

/** Where a value assigned by name lies (no pointer scores: the text says it). */
export type AssignedSpan = Omit<Span, "probability" | "score">;

/**
 * The span of the one-word value assigned to the slot's parameter by its name in the conversation's last message, or
 * null. The value must end
 * its clause (a comma, semicolon, closing bracket, the sentence's end or "and" with the next assignment follows), so
 * "city: Dawson Creek" assigns nothing rather than "Dawson", and "b=5 and c=3" assigns 5 to b.
 */
export function assignedSpan(conversation: SerializedConversation, slot: Slot): AssignedSpan | null {
  const pattern = patternsOf(slot).assigned;
  const view = pattern && lastMessage(conversation);
  if (!pattern || !view) return null;
  let found: { start: number; end: number } | null = null;
  for (const m of view.text.matchAll(pattern)) {
    const from = (m.index as number) + m[0].length;
    const token = /^([^\s,;]+?)[.)\]'"]*(?=[,;)\]]|\s*[.!?]?\s*$|\.\s|\s+and\s+[\w.-]+\s*[=:])/.exec(view.text.slice(from));
    const value = token?.[1]?.replace(/^['"]/, "") ?? "";
    if (value) {
      const start = from + (view.text[from] === "'" || view.text[from] === '"' ? 1 : 0);
      found = { start: view.first + start, end: view.first + start + value.length - 1 };
    }
  }
  return found;
}

/** Whether the slot's parameter name, in words, stands right before the span: "user id 43523", "max price: 20". */
export function labelledByName(conversation: SerializedConversation, span: Span, slot: Slot): boolean {
  const pattern = patternsOf(slot).label;
  if (!pattern) return false;
  const view = messageView(conversation, span.start);
  return pattern.test(view.text.slice(Math.max(0, span.start - view.first - 80), span.start - view.first));
}

const SAID_TRUE = new Set(en.SAID_TRUE);

/**
 * The boolean the last message gives the slot's parameter in words: "gift wrap: yes", "activated off", "enable papacy", "without
 * first specking" (the name's words joined by spaces, "_" or "-"). Null when it gives none, or both.
 */
export function assignedBoolean(conversation: SerializedConversation, slot: Slot): boolean | null {
  const text = lastMessage(conversation)?.text;
  if (text === undefined) return null;
  const patterns = patternsOf(slot).said;
  const said = new Set(patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => SAID_TRUE.has((m[1] ?? m[2] ?? "").toLowerCase()))));
  return said.size === 1 ? [...said][0] === true : null;
}

/**
 * The span of the one number that the last message counts in the slot's parameter name ("3 bedrooms, 2 bathrooms":
 * 3 for bedrooms; "180 hits and 600 at-bats"; "two adults and one child"), or null when it counts none or several.
 */
export function countedSpan(conversation: SerializedConversation, slot: Slot): AssignedSpan | null {
  const pattern = patternsOf(slot).counted;
  const view = pattern && lastMessage(conversation);
  if (!pattern || !view) return null;
  return onlyMatch(
    view,
    [...view.text.matchAll(pattern)].filter((m) => /\d/.test(m[1] ?? "") || parseNumberWords(m[1] ?? "") !== null),
    1,
  );
}

/** The span of group `group` of the one match in a message view, or null when there is none or several. */
function onlyMatch(view: { first: number; text: string }, found: readonly RegExpMatchArray[], group = 0): AssignedSpan | null {
  const [m] = found;
  const text = m?.[group];
  if (found.length !== 1 || !m || text === undefined) return null;
  const start = view.first + (m.index as number) + m[0].indexOf(text);
  return { start, end: start + text.length - 1 };
}

/** Parameter names that ask for a URL ("url", "image_url", "apiEndpoint", "link") or an e-mail address. */
const URL_NAME = [/(?:^|[_-])(?:url|uri|link|endpoint)s?$/i, /[a-z0-9](?:Url|URL|Uri|URI|Link|Endpoint)s?$/];
const EMAIL_NAME = [/(?:^|[_-])e-?mail(?:[_-]?address)?$/i, /[a-z0-9](?:Email|EMail|Mail)(?:Address)?$/];
const URL_TOKEN = /(?<![^\s'"(<])[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]+?(?=[.,;:!?)]*(?:[\s'"<>]|$))/gi;
/** A parameter named for a server's host ("host", "hostname", "domain"): it takes the message's one host. */
const HOST_NAME = /^(?:host|hostname|host_name|hostName|server_address|domain)$/i;
/** A URL, a dotted domain ("data.example.com") or an IPv4 address, not an e-mail address or a file name's extension. */
const HOST_TOKEN =
  /(?<![\w.@/-])(?:[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]+?|(?:\d{1,3}\.){3}\d{1,3}|(?:[a-z0-9-]+\.)+(?:com|org|net|io|ca|co|uk|de|fr|edu|gov|local|internal|dev|app|ai))(?=[.,;:!?)]*(?:[\s'"<>]|$))/gi;
const EMAIL_TOKEN = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<!\.)/g;

/**
 * The one URL (e-mail address, host) of the last message, when the slot's parameter name asks for one ("url",
 * "to_email", "host"); null when the message holds none or several, or the name asks for none of them.
 */
export function formattedSpan(conversation: SerializedConversation, slot: Slot): AssignedSpan | null {
  const name = slot.path[slot.path.length - 1] ?? "";
  const token = URL_NAME.some((n) => n.test(name))
    ? URL_TOKEN
    : EMAIL_NAME.some((n) => n.test(name))
      ? EMAIL_TOKEN
      : HOST_NAME.test(name)
        ? HOST_TOKEN
        : null;
  const view = token && lastMessage(conversation);
  if (!token || !view) return null;
  return onlyMatch(view, [...view.text.matchAll(token)]);
}

/** Words of a parameter's name or description that say nothing of its meaning ("include_hidden", "has_garage"). */
const EMPTY_WORDS = new Set(en.EMPTY_NAME_WORDS);

/**
 * Whether the conversation names a parameter (its schema element): a word of its name or description (or one sharing
 * its first five letters: "laundry" for "in_unit_laundry", "wrapped" for "gift wrap"), in any message.
 */
export function mentionsName(conversation: SerializedConversation, element: SchemaElement): boolean {
  const said = wordsSaid(conversation);
  const alike = (w: string, t: string) => w.length >= 4 && t.length >= 4 && w.slice(0, 5) === t.slice(0, Math.min(5, w.length));
  const named = (w: string) => !EMPTY_WORDS.has(w) && (said.has(w) || [...said].some((t) => alike(w, t) || alike(t, w)));
  return element.nameWords.some(named) || element.descriptionWords.some(named);
}

/** The conversation's words (wordRuns), built once per conversation. */
const wordsOfConversation = new WeakMap<SerializedConversation, Set<string>>();

function wordsSaid(conversation: SerializedConversation): Set<string> {
  let said = wordsOfConversation.get(conversation);
  if (!said) wordsOfConversation.set(conversation, (said = new Set(wordRuns(conversation.ids).map(({ word }) => word))));
  return said;
}

/** A negation shortly before a word, in its clause ("shouldn't be unisex", "不要antibiotic", "disable only products in stock"). */
const NEGATION = new RegExp(String.raw`(?:\b(?:${en.NEGATIONS.join("|")}|\w+n['’]t)\b|${zh.NEGATIONS.join("|")})[^.,;?!，。；？！]{0,30}$`, "i");

/**
 * The value the last message gives an optional boolean by naming it (every word of its name but EMPTY_WORDS, or a
 * word sharing its first five letters: "including the precipitation" for include_precipitation, "a unisex salon" for
 * is_unisex): false when a negation comes shortly before, true otherwise; null when it does not name it. The model's
 * boolean head reads such mentions as false as often as true. Optional booleans only (required ones lost cases: the
 * model reads those).
 */
export function mentionedBoolean(conversation: SerializedConversation, slot: Slot): boolean | null {
  const words = patternsOf(slot).mentioned;
  const text = words.length > 0 ? lastMessageText(conversation)?.toLowerCase() : undefined;
  if (text === undefined) return null;
  let first = -1;
  for (const word of words) {
    const m = word.exec(text);
    if (!m) return null;
    if (first < 0 || m.index < first) first = m.index;
  }
  return !NEGATION.test(text.slice(0, first));
}
