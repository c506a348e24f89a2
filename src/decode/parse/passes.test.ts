/** The read and parse stages' passes, each on its motivating example: the answer with it, a different one without. */
import { describe, expect, it } from "vitest";
import type { JSONSchema } from "../../tools/schema-types.js";
import { compile, tool } from "../../tools/testing/compile.js";
import { decodeExample, type PassExample } from "../testing/examples.js";

const object = (properties: Record<string, JSONSchema>, required = Object.keys(properties)): JSONSchema => ({
  type: "object",
  properties,
  required,
});
const track = compile(tool("track_order", object({ order_id: { type: "string" } })));
const hotels = compile(tool("find_hotels", object({ city: { type: "string" } })));
const boiling = compile(tool("boiling_point", object({ substance: { type: "string" } })));
const games = compile(tool("find_game", object({ platform: { type: "string" }, city: { type: "string" } }, ["platform"])));
const population = compile(tool("grow", object({ population: { type: "number" } })));
const recipes = compile(tool("recipes", object({ diet: { type: "string" }, max_minutes: { type: "integer" } }, ["diet"])));
const stats = compile(tool("stats", object({ data: { type: "array", items: { type: "number" } } })));
const regress = compile(tool("regress", object({ predictors: { type: "array", items: { type: "string" } } })));
const quote = compile(tool("quote", object({ name: { type: "string" } })));

const TABLE: PassExample[] = [
  {
    pass: "span-count",
    text: "Track orders A-100, B-200 and C-300",
    set: track,
    heads: (b) =>
      b
        .calls("track_order", 1)
        .span("track_order", "order_id", 0, "A-100")
        .span("track_order", "order_id", 0, "B-200")
        .span("track_order", "order_id", 0, "C-300"),
    answer: [{ order_id: "A-100" }, { order_id: "B-200" }, { order_id: "C-300" }],
  },
  {
    pass: "weak-spans-last",
    text: "Find the best hotels in Lyon",
    set: hotels,
    heads: (b) =>
      b
        .calls("find_hotels", 1)
        .span("find_hotels", "city", 0, "Find the best hotels in Lyon", undefined, 9)
        .span("find_hotels", "city", 0, "Lyon", undefined, 7),
    answer: [{ city: "Lyon" }],
  },
  {
    pass: "request-openers",
    text: "Track order A-100. Also track order B-200",
    set: track,
    heads: (b) =>
      b
        .calls("track_order", 2)
        .span("track_order", "order_id", 0, "A-100")
        .span("track_order", "order_id", 0, "Also track")
        .span("track_order", "order_id", 0, "B-200"),
    answer: [{ order_id: "A-100" }, { order_id: "B-200" }],
  },
  {
    pass: "number-suffix",
    text: "a city of 213 million people",
    set: population,
    heads: (b) => b.calls("grow", 1).span("grow", "population", 0, "213"),
    answer: [{ population: 213000000 }],
  },
  {
    pass: "whole-value",
    text: "a quote from 'Marcus Aurelius' please",
    set: quote,
    heads: (b) => b.calls("quote", 1).span("quote", "name", 0, "Marcus"),
    answer: [{ name: "Marcus Aurelius" }],
  },
  {
    pass: "function-words",
    text: "vegan recipes under 30 minutes",
    set: recipes,
    heads: (b) => b.calls("recipes", 1).span("recipes", "diet", 0, "under", undefined, 9).span("recipes", "diet", 0, "vegan", undefined, 7),
    answer: [{ diet: "vegan" }],
  },
  {
    pass: "own-name-trim",
    text: "updates for Cyberpunk on Xbox platform",
    set: games,
    heads: (b) => b.calls("find_game", 1).span("find_game", "platform", 0, "Xbox platform"),
    answer: [{ platform: "Xbox" }],
  },
  {
    pass: "number-list",
    text: "Average of 85, 90, 88.5 and 92",
    set: stats,
    heads: (b) => b.calls("stats", 1).span("stats", "data", 0, "90"),
    answer: [{ data: [85, 90, 88.5, 92] }],
  },
  {
    pass: "name-list",
    text: "Regress on 'Age', 'Income' and 'Education'. Thanks",
    set: regress,
    heads: (b) => b.calls("regress", 1).span("regress", "predictors", 0, "Income"),
    answer: [{ predictors: ["Age", "Income", "Education"] }],
  },
  {
    pass: "weak-spans-last",
    text: "Find the boiling point of water",
    set: boiling,
    heads: (b) =>
      b
        .calls("boiling_point", 1)
        .span("boiling_point", "substance", 0, "Find", undefined, 9)
        .span("boiling_point", "substance", 0, "water", undefined, 7),
    answer: [{ substance: "water" }],
  },
];

describe("read and parse passes, each on its motivating example", () => {
  it.each(TABLE)("$pass: $text", (example) => {
    const { withPass, withoutPass } = decodeExample(example);
    expect(withPass).toEqual(example.answer);
    expect(withoutPass).not.toEqual(example.answer);
  });
});
