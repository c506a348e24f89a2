/** The assemble stage's passes, each on its motivating example: the answer with it, a different one without. */
import { describe, expect, it } from "vitest";
import type { JSONSchema } from "../../tools/schema-types.js";
import { compile, tool } from "../../tools/testing/compile.js";
import { decodeExample, type PassExample } from "../testing/examples.js";

const object = (properties: Record<string, JSONSchema>, required = Object.keys(properties)): JSONSchema => ({
  type: "object",
  properties,
  required,
});
const trip = compile(tool("trip", object({ start: { type: "string" }, end: { type: "string" } })));
const paint = compile(tool("paint", object({ length: { type: "number" }, height: { type: "number" } })));
const travel = compile(tool("travel", object({ origin: { type: "string" }, destination: { type: "string" } })));
const weather = compile(tool("weather_get", object({ city: { type: "string" }, country: { type: "string" } })));
const events = compile(tool("events_by_presidency", object({ president_name: { type: "string" } })));
const integrate = compile(
  tool(
    "integrate",
    object({ function: { type: "string" }, method: { type: "string", description: "The method, 'trapezoid' or 'simpson'." } }, ["function"]),
  ),
);
const circle = compile(tool("circumference", object({ radius: { type: "number" }, unit: { type: "string" } }, ["radius"])));
const convert = compile(
  tool("convert_currency", object({ amount: { type: "number" }, from_currency: { type: "string" }, to_currency: { type: "string" } })),
);
const roi = compile(tool("roi", object({ bought: { type: "number" }, sold: { type: "number" } })));
const gcd = compile(tool("gcd", object({ first: { type: "integer" }, second: { type: "integer" } })));
const numbers: JSONSchema = { type: "array", items: { type: "integer" } };
const arrays = compile(tool("ttest", object({ array_1: numbers, array_2: numbers })));
const servers = compile(
  tool("add_postgres_server", object({ nickname: { type: "string" }, port: { type: "integer" } }, ["nickname"])),
  tool("add_mysql_server", object({ nickname: { type: "string" }, user: { type: "string" } }, ["nickname"])),
);
const listing = compile(
  tool("add_postgres_server", object({ nickname: { type: "string" }, host: { type: "string" } })),
  tool("list_servers", object({ type: { type: "string", enum: ["postgres", "openai"] } }, [])),
);
const shop = compile(
  tool("add_to_cart", object({ product: { type: "string" }, quantity: { type: "integer", minimum: 1 } })),
  tool("track_order", object({ order_id: { type: "string" } })),
);
const patients = compile(tool("get_patient", object({ patient_id: { type: "string" } })));
const price = compile(tool("predict_price", object({ size: { type: "integer" }, location: { type: "string" } })));

/** `tool` counted with probability `called` of one call (the rest on none). */
const doubted = (set: typeof shop, name: string, called: number) => (b: Parameters<PassExample["heads"]>[0]) => {
  const element = set.tools.find((t) => t.name === name)?.element ?? -1;
  b.heads.count.set([Math.log(1 - called), Math.log(called), -Infinity, -Infinity, -Infinity], element * b.heads.countClasses);
};

const TABLE: PassExample[] = [
  {
    pass: "distinct-spans",
    text: "a trip from Juba, Malawi",
    set: trip,
    heads: (b) => b.calls("trip", 1).span("trip", "start", 0, "Juba, Malawi").span("trip", "end", 0, "Juba, Malawi", undefined, 6),
    answer: "missing",
  },
  {
    pass: "lists-in-turn",
    text: "Control [10, 15, 12] and Treated [18, 16, 17]",
    set: arrays,
    heads: (b) =>
      b
        .calls("ttest", 1)
        .span("ttest", "array_1", 0, "10")
        .span("ttest", "array_1", 0, "18")
        .span("ttest", "array_2", 0, "15")
        .span("ttest", "array_2", 0, "16"),
    answer: [{ array_1: [10, 15, 12], array_2: [18, 16, 17] }],
  },
  {
    pass: "schema-order",
    text: "paint for a wall of 30 feet by 12 feet",
    set: paint,
    heads: (b) => b.calls("paint", 1).span("paint", "length", 0, "12").span("paint", "height", 0, "30"),
    answer: [{ length: 30, height: 12 }],
  },
  {
    pass: "by-direction",
    text: "a trip to Paris from Rome",
    set: travel,
    heads: (b) => b.calls("travel", 1).span("travel", "origin", 0, "Paris").span("travel", "destination", 0, "Rome"),
    answer: [{ origin: "Rome", destination: "Paris" }],
  },
  {
    pass: "split-place",
    text: "What is the temperature in London, UK?",
    set: weather,
    heads: (b) => b.calls("weather_get", 1).span("weather_get", "country", 0, "London, UK").action("weather_get", "city", "absent"),
    answer: [{ city: "London", country: "UK" }],
  },
  {
    pass: "call-per-listed-value",
    text: "the major events during the presidency of Abraham Lincoln and George Washington",
    set: events,
    heads: (b) => b.calls("events_by_presidency", 1).span("events_by_presidency", "president_name", 0, "Abraham Lincoln"),
    answer: [{ president_name: "Abraham Lincoln" }, { president_name: "George Washington" }],
  },
  {
    pass: "agreeing-slots",
    text: "price of a house of 3000 sq ft in New York and 4000 sq ft in Los Angeles",
    set: price,
    heads: (b) =>
      b
        .calls("predict_price", 1)
        .span("predict_price", "size", 0, "3000")
        .span("predict_price", "size", 0, "4000")
        .span("predict_price", "location", 0, "New York")
        .span("predict_price", "location", 0, "Los Angeles"),
    answer: [
      { size: 3000, location: "New York" },
      { size: 4000, location: "Los Angeles" },
    ],
  },
  {
    pass: "described-options",
    text: "integrate x^3 using simpson method",
    set: integrate,
    heads: (b) => b.calls("integrate", 1).span("integrate", "function", 0, "x^3").span("integrate", "method", 0, "method"),
    answer: [{ function: "x^3", method: "simpson" }],
  },
  {
    pass: "units",
    text: "a circle with a radius of 4 inches",
    set: circle,
    heads: (b) => b.calls("circumference", 1).span("circumference", "radius", 0, "4"),
    answer: [{ radius: 4, unit: "inches" }],
  },
  {
    pass: "currency-codes",
    text: "Convert 50 euros to USD please",
    set: convert,
    heads: (b) =>
      b
        .calls("convert_currency", 1)
        .span("convert_currency", "amount", 0, "50")
        .action("convert_currency", "from_currency", "implicit")
        .span("convert_currency", "to_currency", 0, "USD"),
    answer: [{ amount: 50, from_currency: "EUR", to_currency: "USD" }],
  },
  {
    pass: "one-span-twice",
    text: "a stock bought at $20, sold at $25",
    set: roi,
    heads: (b) => b.calls("roi", 2).span("roi", "bought", 0, "20").span("roi", "bought", 0, "25").span("roi", "sold", 0, "25"),
    answer: [{ bought: 20, sold: 25 }],
  },
  {
    pass: "without-repeats",
    text: "gcd of 36 and 48",
    set: gcd,
    heads: (b) => b.calls("gcd", 2).span("gcd", "first", 0, "36").span("gcd", "second", 0, "48"),
    answer: [{ first: 36, second: 48 }],
  },
  {
    pass: "missing-as-one-call",
    text: "look up the patient with id 546382",
    set: patients,
    heads: (b) => {
      b.calls("get_patient", 2).span("get_patient", "patient_id", 0, "546382");
      const element = patients.tools[0]?.slots[0]?.element ?? 0;
      b.heads.action.set([1, 0, -8], element * 3);
    },
    answer: [{ patient_id: "546382" }],
  },
  {
    pass: "restates",
    text: "add the postgres server MainDB on port 5432",
    set: servers,
    heads: (b) =>
      b
        .calls("add_postgres_server", 1)
        .span("add_postgres_server", "nickname", 0, "MainDB")
        .span("add_postgres_server", "port", 0, "5432")
        .calls("add_mysql_server", 1, 3)
        .span("add_mysql_server", "nickname", 0, "MainDB"),
    answer: [{ nickname: "MainDB", port: 5432 }],
  },
  {
    pass: "surest-first",
    text: "List all openai servers",
    set: listing,
    heads: (b) => b.calls("add_postgres_server", 1, 3).calls("list_servers", 1).option("list_servers", "type", "openai"),
    answer: [{ type: "openai" }],
  },
  {
    pass: "beside-calls",
    text: "track order A-100. Add 2 mugs to my cart",
    set: shop,
    heads: (b) => {
      b.calls("track_order", 1).span("track_order", "order_id", 0, "A-100");
      b.span("add_to_cart", "product", 0, "mugs", undefined, 4).span("add_to_cart", "quantity", 0, "2", undefined, 4);
      doubted(shop, "add_to_cart", 0.1)(b);
    },
    answer: [{ order_id: "A-100" }, { product: "mugs", quantity: 2 }],
  },
  {
    pass: "no-call-rescue",
    text: "where is order A-100",
    set: shop,
    heads: (b) => {
      b.span("track_order", "order_id", 0, "A-100");
      doubted(shop, "track_order", 0.4)(b);
    },
    answer: [{ order_id: "A-100" }],
  },
];

describe("assemble passes, each on its motivating example", () => {
  it.each(TABLE)("$pass: $text", (example) => {
    const { withPass, withoutPass } = decodeExample(example);
    expect(withPass).toEqual(example.answer);
    expect(withoutPass).not.toEqual(example.answer);
  });
});
