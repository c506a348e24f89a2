/**
 * Every pass of the decoder, in the order a request meets them, stage by stage. Passes whose run this file lists
 * from a stage's own list (SPAN_FINDERS, SLOT_RULES, ONE_CALL_PASSES, PER_VALUE_PASSES, VALUE_PASSES) run by
 * iterating that list; the others are single steps of their stage's code, each behind `runs(id)`. `npm run eval --
 * --without ID[,ID]` turns passes off to measure what each buys; core passes are the pipeline's own steps and stay.
 */
import { asOneCall, likelyCall, otherLikelyCalls, restates, surestFirst } from "./assemble/answer.js";
import { withoutRepeats } from "./assemble/distinct.js";
import { shareAcrossCalls } from "./assemble/parallel.js";
import { ONE_CALL_PASSES, PER_VALUE_PASSES, VALUE_PASSES } from "./assemble/passes.js";
import { labelledByName } from "./decide/assigned.js";
import { SLOT_RULES, SPAN_FINDERS } from "./decide/rules.js";
import { decideEnum, decideSlot, onlyFunctionWords, opensRequest, readableSpans, withoutOwnName } from "./decide/slot.js";
import { readsOneSpanTwice } from "./assemble/tool.js";
import { allowedTools, forceCall, oneToolAtMost } from "./enforce/constraints.js";
import { continueNumberList, wholeNameList, withNumberSuffix } from "./parse/lists.js";
import { asWholeValue } from "./parse/whole.js";
import { spanCount } from "./read/choose.js";
import type { Pass, Stage } from "./types.js";

export type AnyPass = Pass<(...args: never[]) => unknown>;

/** Steps of the pipeline that are gated by id in their stage's code (not iterated from a list). */
const READ: readonly AnyPass[] = [
  {
    id: "span-count",
    stage: "read",
    example: '"delete A, B and C from my cart": a required slot pointing at three spans makes three calls where the count head said one',
    run: spanCount,
  },
  {
    id: "weak-spans-last",
    stage: "read",
    example: '"Find the boiling point of water": a span opening the request with its own words, or cutting a word, is read after the others',
    run: readableSpans,
  },
  {
    id: "request-openers",
    stage: "read",
    example: '"List all cases ... Also list cases ...": spans starting a request or one of its parts are not values of several calls',
    run: opensRequest,
  },
];

const DECIDE_GATES: readonly AnyPass[] = [
  {
    id: "labelled-span",
    stage: "decide",
    example: '"user id 43523", "max price: 20": a slot the head calls absent takes a likely span right after its name',
    run: labelledByName,
  },
  {
    id: "absent-rescue",
    stage: "decide",
    example: '"movies starring Leonardo DiCaprio": a required slot the head doubts takes a free span of its type instead of being missing',
    run: decideSlot,
  },
  {
    id: "optional-option-floor",
    stage: "decide",
    example: "an optional enum whose options score alike (none is mentioned) is left to the tool's default",
    run: decideEnum,
  },
];

const PARSE: readonly AnyPass[] = [
  { id: "number-suffix", stage: "parse", example: '"5 million", "20%": a number span takes its written suffix', run: withNumberSuffix },
  {
    id: "whole-value",
    stage: "parse",
    example: '"New Yo" of "New York": a span that cuts a name or a quoted value is made whole',
    run: asWholeValue,
  },
  {
    id: "function-words",
    stage: "parse",
    example: '"query: using", "more than": a span of only function words, comparisons or labels ("UUID") is no value',
    run: onlyFunctionWords,
  },
  {
    id: "own-name-trim",
    stage: "parse",
    example: '"Playstation platform" for platform reads "Playstation" ("Salt Lake City" keeps its capital)',
    run: withoutOwnName,
  },
  {
    id: "number-list",
    stage: "parse",
    example: '"1, 2, 3 and 4" with two read: an array of numbers takes the rest of the list',
    run: continueNumberList,
  },
  { id: "name-list", stage: "parse", example: '"Paris, Rome and Oslo" with one read: an array of names takes the whole list', run: wholeNameList },
];

const TOOL_GATES: readonly AnyPass[] = [
  {
    id: "agreeing-slots",
    stage: "assemble",
    example: '"a house of 3000 sq ft in New York and 4000 sq ft in Los Angeles": two slots agree on two values, two calls',
    run: shareAcrossCalls,
  },
];

const CALL_GATES: readonly AnyPass[] = [
  {
    id: "one-span-twice",
    stage: "assemble",
    example: '"a stock bought at $20, sold at $25" read as two calls, the second buying and selling at 25: that call is left out',
    run: readsOneSpanTwice,
  },
  { id: "without-repeats", stage: "assemble", example: "two identical calls of one tool are one call", run: withoutRepeats },
];

const ANSWER: readonly AnyPass[] = [
  {
    id: "no-call-rescue",
    stage: "assemble",
    example: '"what\'s the weather like in Riga, Latvia": no tool planned, the likeliest one reads every argument surely and is called',
    run: likelyCall,
  },
  {
    id: "surest-first",
    stage: "assemble",
    example: '"list all openai servers": list_servers is called, not add_postgres_server asking for its host',
    run: surestFirst,
  },
  {
    id: "missing-as-one-call",
    stage: "assemble",
    example: '"patient with id 546382" read as two calls asking for the id: read again as one call with it',
    run: asOneCall,
  },
  {
    id: "restates",
    stage: "assemble",
    example: '"add a postgres server MainDB" read by add_postgres_server and add_mysql_server: the less sure is left out',
    run: restates,
  },
  {
    id: "beside-calls",
    stage: "assemble",
    example: '"trace shipment UQS-69360 ... remember item E8806211": add_to_wishlist beside track_shipment',
    run: otherLikelyCalls,
  },
];

const ENFORCE: readonly AnyPass[] = [
  { id: "allowed-tools", stage: "enforce", core: true, example: 'tool_choice "none": no call; a named function: only that tool', run: allowedTools },
  { id: "forced-call", stage: "enforce", core: true, example: 'tool_choice "required" and no tool planned: the likeliest is called', run: forceCall },
  { id: "one-call", stage: "enforce", core: true, example: "parallel_tool_calls false: at most one call", run: oneToolAtMost },
];

/** All passes, in the order a request meets them. */
export const PASSES: readonly AnyPass[] = [
  ...READ,
  ...ENFORCE,
  ...SPAN_FINDERS,
  ...DECIDE_GATES,
  ...SLOT_RULES,
  ...PARSE,
  ...TOOL_GATES,
  ...ONE_CALL_PASSES,
  ...PER_VALUE_PASSES,
  ...VALUE_PASSES,
  ...CALL_GATES,
  ...ANSWER,
];

export const STAGES: readonly Stage[] = ["read", "decide", "parse", "assemble", "enforce"];

export class UnknownPassError extends Error {
  override readonly name = "UnknownPassError";
}

/** The set of passes to turn off, checked: every id a pass, none of them core. */
export function passesWithout(ids: readonly string[]): ReadonlySet<string> {
  for (const id of ids) {
    const pass = PASSES.find((p) => p.id === id);
    if (!pass)
      throw new UnknownPassError(
        `no decoding pass '${id}' (one of: ${PASSES.filter((p) => !p.core)
          .map((p) => p.id)
          .join(", ")})`,
      );
    if (pass.core) throw new UnknownPassError(`'${id}' is a core step of the pipeline and cannot be turned off`);
  }
  return new Set(ids);
}
