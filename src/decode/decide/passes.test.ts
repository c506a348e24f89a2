/** The decide stage's passes, each on its motivating example: the answer with it, a different one without. */
import { describe, expect, it } from "vitest";
import { compile, tool } from "../../tools/testing/compile.js";
import type { JSONSchema } from "../../tools/schema-types.js";
import { decodeExample, type PassExample } from "../testing/examples.js";

const required = (properties: Record<string, JSONSchema>, names = Object.keys(properties)): JSONSchema => ({
  type: "object",
  properties,
  required: names,
});

const solve = compile(tool("solve", required({ a: { type: "integer" }, b: { type: "integer" } })));
const home = compile(
  tool(
    "find_home",
    required({ bedrooms: { type: "integer" }, bathrooms: { type: "integer" }, has_garage: { type: "boolean" } }, ["bedrooms", "bathrooms"]),
  ),
);
const fetchPage = compile(tool("fetch_page", required({ url: { type: "string" } })));
const user = compile(tool("get_user", required({ user_id: { type: "string" } })));
const weather = compile(tool("weather", required({ city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, ["city"])));
const paint = compile(tool("paint", required({ colors: { type: "array", items: { type: "string", enum: ["red", "blue", "green"] } } })));
const track = compile(tool("track_order", required({ order_id: { type: "string" } })));
const movies = compile(tool("find_movies", required({ actor: { type: "string" } })));
const verbose = compile(tool("run", required({ job: { type: "string" }, verbose: { type: "boolean" } }, ["job"])));

const TABLE: PassExample[] = [
  {
    pass: "assigned-span",
    text: "solve with a=2, b=-3",
    set: solve,
    heads: (b) => b.calls("solve", 1).span("solve", "a", 0, "-3").span("solve", "b", 0, "2"),
    answer: [{ a: 2, b: -3 }],
  },
  {
    pass: "counted-span",
    text: "a home with 3 bedrooms, 2 bathrooms",
    set: home,
    heads: (b) => b.calls("find_home", 1).span("find_home", "bedrooms", 0, "2").span("find_home", "bathrooms", 0, "3"),
    answer: [{ bedrooms: 3, bathrooms: 2 }],
  },
  {
    pass: "formatted-span",
    text: "read the page at https://example.com/a please",
    set: fetchPage,
    heads: (b) => b.calls("fetch_page", 1).span("fetch_page", "url", 0, "page"),
    answer: [{ url: "https://example.com/a" }],
  },
  {
    pass: "labelled-span",
    text: "show me user id 43523",
    set: user,
    heads: (b) => b.calls("get_user", 1).span("get_user", "user_id", 0, "43523", undefined, 0).action("get_user", "user_id", "absent"),
    answer: [{ user_id: "43523" }],
  },
  {
    pass: "written-span",
    text: "show me user id 43523",
    set: user,
    heads: (b) => b.calls("get_user", 1).span("get_user", "user_id", 0, "43523", undefined, 0).action("get_user", "user_id", "absent"),
    answer: [{ user_id: "43523" }],
  },
  {
    pass: "assigned-boolean",
    text: "run the nightly job, verbose: false",
    set: verbose,
    heads: (b) => b.calls("run", 1).span("run", "job", 0, "nightly").bool("run", "verbose", true),
    answer: [{ job: "nightly", verbose: false }],
  },
  {
    pass: "mentioned-boolean",
    text: "a home with 3 bedrooms, 2 bathrooms and a garage",
    set: home,
    heads: (b) =>
      b.calls("find_home", 1).span("find_home", "bedrooms", 0, "3").span("find_home", "bathrooms", 0, "2").bool("find_home", "has_garage", false),
    answer: [{ bedrooms: 3, bathrooms: 2, has_garage: true }],
  },
  {
    pass: "unnamed-optional-boolean",
    text: "a home with 3 bedrooms, 2 bathrooms",
    set: home,
    heads: (b) =>
      b.calls("find_home", 1).span("find_home", "bedrooms", 0, "3").span("find_home", "bathrooms", 0, "2").bool("find_home", "has_garage", true),
    answer: [{ bedrooms: 3, bathrooms: 2 }],
  },
  {
    pass: "named-option",
    text: "weather in Oslo in fahrenheit",
    set: weather,
    heads: (b) => b.calls("weather", 1).span("weather", "city", 0, "Oslo").option("weather", "unit", "celsius"),
    answer: [{ city: "Oslo", unit: "fahrenheit" }],
  },
  {
    pass: "named-items",
    text: "paint it red and green",
    set: paint,
    heads: (b) => b.calls("paint", 1).span("paint", "colors", 0, "red"),
    answer: [{ colors: ["red", "green"] }],
  },
  {
    pass: "absent-rescue",
    text: "movies starring Leonardo DiCaprio",
    set: movies,
    heads: (b) => {
      b.calls("find_movies", 1).span("find_movies", "actor", 0, "Leonardo DiCaprio");
      const element = movies.tools[0]?.slots[0]?.element ?? 0;
      b.heads.action.set([1, 0, -8], element * 3);
    },
    answer: [{ actor: "Leonardo DiCaprio" }],
  },
  {
    pass: "unasked-tool-span",
    text: "Please add 2 blue mugs to my cart",
    set: track,
    choice: { type: "function", function: { name: "track_order" } },
    heads: (b) => b.span("track_order", "order_id", 0, "blue mugs", undefined, -1.5),
    answer: "missing",
  },
  {
    pass: "optional-option-floor",
    text: "weather in Oslo",
    set: weather,
    heads: (b) => {
      b.calls("weather", 1).span("weather", "city", 0, "Oslo").option("weather", "unit", "celsius");
      const fill = weather.tools[0]?.slots[1]?.fill;
      if (fill?.kind === "enum") fill.optionElements.forEach((e) => (b.heads.option[e] = 0));
      const element = weather.tools[0]?.slots[1]?.element ?? 0;
      b.heads.action.set([0, 1.5, -8], element * 3);
    },
    answer: [{ city: "Oslo" }],
  },
];

describe("decide passes, each on its motivating example", () => {
  it.each(TABLE)("$pass: $text", (example) => {
    const { withPass, withoutPass } = decodeExample(example);
    expect(withPass).toEqual(example.answer);
    expect(withoutPass).not.toEqual(example.answer);
  });
});
