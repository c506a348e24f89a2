import { describe, expect, it } from "vitest";
import { compile, tool } from "../tools/testing/compile.js";
import type { JSONSchema } from "../tools/schema-types.js";
import type { CompiledToolSet } from "../tools/types.js";
import { twinOrdinal } from "./assemble/twins.js";
import type { decodeHeads } from "./decode.js";
import { argumentsOf, headsFor, type HeadsBuilder } from "./testing/heads.js";

const shop = compile(
  tool("add_to_cart", {
    type: "object",
    properties: {
      product: { type: "string" },
      quantity: { type: "integer", minimum: 1 },
      size: { type: "string", enum: ["S", "M", "L"] },
      gift_wrap: { type: "boolean" },
      address: { type: "object", properties: { city: { type: "string" }, zip: { type: "string" } }, required: ["city"] },
    },
    required: ["product", "quantity"],
  }),
  tool("track_order", { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] }),
);

function setup(text: string, set: CompiledToolSet = shop) {
  return headsFor(text, set);
}

describe("decodeHeads", () => {
  it("reads spans under their types, options and booleans into one call", () => {
    const { builder, decode } = setup("Add twenty five red socks in size M, gift wrapped, to my cart");
    builder
      .calls("add_to_cart", 1)
      .span("add_to_cart", "product", 0, "red socks")
      .span("add_to_cart", "quantity", 0, "twenty five")
      .option("add_to_cart", "size", "M")
      .bool("add_to_cart", "gift_wrap", true);
    const result = decode();
    expect(result.kind).toBe("calls");
    if (result.kind !== "calls") return;
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]?.name).toBe("add_to_cart");
    expect(result.calls[0]?.arguments).toEqual({ product: "red socks", quantity: 25, size: "M", gift_wrap: true });
    expect(Object.keys(result.calls[0]?.argument_confidence ?? {}).sort()).toEqual(["gift_wrap", "product", "quantity", "size"]);
    expect(result.confidence).toBeGreaterThan(0.9);
  });

  it("fills nested objects and creates them only when needed", () => {
    const { builder, decode } = setup("Add 2 mugs, ship to Lyon");
    builder
      .calls("add_to_cart", 1)
      .span("add_to_cart", "product", 0, "mugs")
      .span("add_to_cart", "quantity", 0, "2")
      .span("add_to_cart", "address.city", 0, "Lyon");
    const result = decode();
    expect(result.kind === "calls" && result.calls[0]?.arguments).toEqual({ product: "mugs", quantity: 2, address: { city: "Lyon" } });
  });

  it("reports missing required parameters, including nested ones of a present object", () => {
    const { builder, decode } = setup("Add mugs, zip 69001");
    builder.calls("add_to_cart", 1).span("add_to_cart", "product", 0, "mugs").span("add_to_cart", "address.zip", 0, "69001");
    expect(decode()).toMatchObject({ kind: "missing", missing: [{ name: "add_to_cart", parameters: ["quantity", "address.city"] }] });
  });

  it("routes implied values and unreadable required values to the origin", () => {
    const a = setup("Add a couple of mugs");
    a.builder.calls("add_to_cart", 1).span("add_to_cart", "product", 0, "mugs").action("add_to_cart", "quantity", "implicit");
    expect(a.decode().kind).toBe("not_expressible");

    const b = setup("Add mugs, lots of them");
    b.builder.calls("add_to_cart", 1).span("add_to_cart", "product", 0, "mugs").span("add_to_cart", "quantity", 0, "lots");
    expect(b.decode()).toMatchObject({ kind: "not_expressible" });
  });

  it("never returns a value outside the constraints (quantity 0 is below minimum)", () => {
    const { builder, decode } = setup("Add 0 mugs");
    builder.calls("add_to_cart", 1).span("add_to_cart", "product", 0, "mugs").span("add_to_cart", "quantity", 0, "0");
    expect(decode().kind).toBe("not_expressible");
  });

  it("gives the i-th span to the i-th call and shares single values", () => {
    const { builder, decode } = setup("Track orders A-100 and B-200");
    builder.calls("track_order", 2).span("track_order", "order_id", 0, "A-100").span("track_order", "order_id", 0, "B-200");
    const result = decode();
    expect(result.kind === "calls" && result.calls.map((c) => c.arguments)).toEqual([{ order_id: "A-100" }, { order_id: "B-200" }]);
    expect(decode("auto", false)).toMatchObject({ kind: "calls", calls: [{ arguments: { order_id: "A-100" } }] });
  });

  it("calls a tool once per value when a required slot points at three spans or more", () => {
    const three = setup("Track orders A-100, B-200 and C-300");
    three.builder
      .calls("track_order", 1)
      .span("track_order", "order_id", 0, "A-100")
      .span("track_order", "order_id", 0, "B-200")
      .span("track_order", "order_id", 0, "C-300");
    const result = three.decode();
    expect(result.kind === "calls" && result.calls.map((c) => c.arguments)).toEqual([
      { order_id: "A-100" },
      { order_id: "B-200" },
      { order_id: "C-300" },
    ]);
    expect(three.decode("auto", false)).toMatchObject({ kind: "calls", calls: [{ arguments: { order_id: "A-100" } }] });

    const two = setup("Track orders A-100 and B-200");
    two.builder.calls("track_order", 1).span("track_order", "order_id", 0, "A-100").span("track_order", "order_id", 0, "B-200");
    expect(two.decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { order_id: "A-100" } }] });
  });

  it("reads an optional slot with an unsure span only when a value is clearly more likely than absence, a required one on the argmax", () => {
    const { builder, decode } = setup("Add 2 mugs, ship to Lyon");
    builder
      .calls("add_to_cart", 1)
      .span("add_to_cart", "product", 0, "mugs")
      .span("add_to_cart", "quantity", 0, "2")
      .span("add_to_cart", "address.city", 0, "Lyon", undefined, 0);
    const lean = (path: string, valueOverAbsent: number): void => {
      const element = shop.tools[0]?.slots.find((slot) => slot.path.join(".") === path)?.element ?? -1;
      builder.heads.action.set([0, valueOverAbsent, -8], element * 3);
    };
    lean("address.city", 0.5);
    lean("quantity", 0.5); // required: read on the argmax
    const result = decode();
    expect(result.kind === "calls" && result.calls[0]?.arguments).toEqual({ product: "mugs", quantity: 2 });
    lean("address.city", 1.5);
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { product: "mugs", quantity: 2, address: { city: "Lyon" } } }] });
  });

  it("follows tool_choice", () => {
    const { builder, decode } = setup("Where is order Z-1?");
    builder.span("track_order", "order_id", 0, "Z-1");
    const track = shop.tools[1]?.element ?? -1;
    builder.heads.count[track * 5 + 1] = 4;
    expect(decode("auto").kind).toBe("no_call");
    expect(decode("none").kind).toBe("no_call");
    expect(decode("required")).toMatchObject({ kind: "calls", calls: [{ name: "track_order" }] });
    builder.calls("add_to_cart", 1);
    expect(decode({ type: "function", function: { name: "track_order" } })).toMatchObject({
      kind: "calls",
      calls: [{ name: "track_order", arguments: { order_id: "Z-1" } }],
    });
  });

  it("asks for a required value of a tool that tool_choice names but the request did not ask for, unless a span reads clearly", () => {
    const { builder, decode } = setup("Please add 2 blue mugs in size M to my cart");
    const forced = { type: "function", function: { name: "track_order" } } as const;
    builder.span("track_order", "order_id", 0, "blue mugs", undefined, -1.5); // start and end 18% each: 3% as a span
    builder.calls("track_order", 1);
    expect(decode(forced)).toMatchObject({ kind: "calls", calls: [{ name: "track_order" }] });
    builder.calls("track_order", 0);
    expect(decode(forced)).toEqual(expect.objectContaining({ kind: "missing", missing: [{ name: "track_order", parameters: ["order_id"] }] }));
    expect(decode(forced, true, ["unasked-tool-span"])).toMatchObject({ kind: "calls", calls: [{ name: "track_order" }] });
  });

  it("does not rescue a doubted value of a tool that tool_choice names but the request did not ask for", () => {
    const { builder, decode } = setup("Please add 2 blue mugs in size M to my cart");
    const forced = { type: "function", function: { name: "track_order" } } as const;
    builder.span("track_order", "order_id", 0, "blue mugs");
    const element = shop.tools[1]?.slots[0]?.element ?? -1;
    builder.heads.action.set([1, 0, -8], element * 3); // absent at 73%: a doubted value
    expect(decode(forced)).toMatchObject({ kind: "missing", missing: [{ name: "track_order", parameters: ["order_id"] }] });
    builder.calls("track_order", 1);
    expect(decode(forced)).toMatchObject({ kind: "calls", calls: [{ name: "track_order", arguments: { order_id: "blue mugs" } }] });
  });

  it("reads arrays of primitives from several spans, within maxItems", () => {
    const set = compile(
      tool("compare", {
        type: "object",
        properties: { skus: { type: "array", items: { type: "integer" }, maxItems: 2, uniqueItems: true } },
        required: ["skus"],
      }),
    );
    const { builder, decode } = setup("Compare 11, 22, 11 and 33", set);
    builder.calls("compare", 1).span("compare", "skus", 0, "11").span("compare", "skus", 0, "22").span("compare", "skus", 0, "33");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { skus: [11, 22] } }] });
  });

  it("reads a whole numeric list when the model points at some of its items, and only numeric ones", () => {
    const set = compile(
      tool("stats", {
        type: "object",
        properties: { data: { type: "array", items: { type: "number" } }, tags: { type: "array", items: { type: "string" } } },
        required: ["data"],
      }),
    );
    const { builder, decode } = setup("Average of 85, 90, 88.5 and 92, tags red, blue and green", set);
    builder.calls("stats", 1).span("stats", "data", 0, "90").span("stats", "tags", 0, "blue");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { data: [85, 90, 88.5, 92], tags: ["blue"] } }] });
  });

  it("reads the whole list of names when the model points at some of them", () => {
    const set = compile(
      tool("regress", { type: "object", properties: { predictors: { type: "array", items: { type: "string" } } }, required: ["predictors"] }),
    );
    const { builder, decode } = setup("Regress on 'Age', 'Income' and 'Education'. Thanks", set);
    builder.calls("regress", 1).span("regress", "predictors", 0, "Income");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { predictors: ["Age", "Income", "Education"] } }] });
  });

  it("fills const slots without asking the model, and dates in ISO form", () => {
    const set = compile(
      tool("book", { type: "object", properties: { kind: { const: "table" }, day: { type: "string", format: "date" } }, required: ["kind", "day"] }),
    );
    const { builder, decode } = setup("Book for March 3, 2027", set);
    builder.calls("book", 1).span("book", "day", 0, "March 3, 2027");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { kind: "table", day: "2027-03-03" } }] });
  });
});

describe("decodeHeads: an option a description quotes", () => {
  const integrate = compile(
    tool("integrate", {
      type: "object",
      properties: {
        function: { type: "string" },
        method: { type: "string", description: "The method to use. Choices are 'trapezoid' or 'simpson'. Default is 'trapezoid'." },
        to_city: { type: "string", description: "Formatted as 'City, State' (e.g., 'Los Angeles, CA')." },
        unit: { type: "string", description: "The unit. Default is 'cm'." },
      },
      required: ["function"],
    }),
  );

  it("sets a string slot to the one option its description quotes that the message names", () => {
    const { builder, decode } = setup("integrate x^3 using simpson method", integrate);
    builder.calls("integrate", 1).span("integrate", "function", 0, "x^3").span("integrate", "method", 0, "method");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { function: "x^3", method: "simpson" } }] });
  });

  it("takes no format example, no description with one quoted word, and no message naming two options", () => {
    const { builder, decode } = setup("integrate x^3 to Los Angeles, CA with cm, trapezoid or simpson", integrate);
    builder.calls("integrate", 1).span("integrate", "function", 0, "x^3");
    const result = decode();
    expect(result).toMatchObject({ kind: "calls", calls: [{ arguments: { function: "x^3" } }] });
    expect(result.kind === "calls" && Object.keys(result.calls[0]?.arguments ?? {})).toEqual(["function"]);
  });
});

describe("decodeHeads: a boolean the message names", () => {
  const weather = compile(
    tool("forecast", {
      type: "object",
      properties: { location: { type: "string" }, include_precipitation: { type: "boolean" }, detailed: { type: "boolean" } },
      required: ["location", "detailed"],
    }),
  );

  it("sets an optional boolean the last message names, whatever the boolean head says; a required one stays the head's", () => {
    const { builder, decode } = setup("weather in Lyon, detailed, including the precipitation", weather);
    builder
      .calls("forecast", 1)
      .span("forecast", "location", 0, "Lyon")
      .bool("forecast", "include_precipitation", false)
      .bool("forecast", "detailed", false);
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { location: "Lyon", include_precipitation: true, detailed: false } }] });
  });
});

describe("decodeHeads: a second tool the count head doubts", () => {
  /** track_order planned; add_to_cart called with probability `called`, its values `sure` likely. */
  function beside(called: number, sure: number, parallel = true) {
    const { builder, decode } = setup("track order A-100. Add 2 mugs to my cart", shop);
    builder.calls("track_order", 1).span("track_order", "order_id", 0, "A-100");
    const strength = Math.log(Math.sqrt(sure) / (1 - Math.sqrt(sure)));
    builder.span("add_to_cart", "product", 0, "mugs", undefined, strength).span("add_to_cart", "quantity", 0, "2", undefined, strength);
    const element = shop.tools.find((t) => t.name === "add_to_cart")?.element ?? -1;
    builder.heads.count.set([Math.log(1 - called), Math.log(called), -Infinity, -Infinity, -Infinity], element * builder.heads.countClasses);
    return argumentsOf(decode("auto", parallel));
  }

  it("calls it beside the planned tool when its values are sure and its own", () => {
    expect(beside(0.1, 0.9)).toEqual([{ order_id: "A-100" }, { product: "mugs", quantity: 2 }]);
  });

  it("leaves it out when it is unlikely, its values are unsure, or parallel calls are off", () => {
    expect(beside(0.01, 0.9)).toEqual([{ order_id: "A-100" }]);
    expect(beside(0.1, 0.3)).toEqual([{ order_id: "A-100" }]);
    expect(beside(0.1, 0.9, false)).toEqual([{ order_id: "A-100" }]);
  });
});

describe("decodeHeads: an optional slot the action head doubts", () => {
  const gulch = compile(
    tool("find_gulch", { type: "object", properties: { code: { type: "string" }, home_city: { type: "string" } }, required: ["code"] }),
  );

  /** home_city absent with probability `absent`, its span "Aqtobe" `likely`; the code span is sure. */
  function doubted(absent: number, likely: number) {
    const { builder, decode } = setup("find a gulch: 'LM-706874', and Aqtobe", gulch);
    builder.calls("find_gulch", 1).span("find_gulch", "code", 0, "LM-706874");
    builder.span("find_gulch", "home_city", 0, "Aqtobe", undefined, Math.log(Math.sqrt(likely) / (1 - Math.sqrt(likely))));
    const row = gulch.tools[0]?.slots.find((s) => s.path.join(".") === "home_city")?.element ?? -1;
    builder.heads.action.set([Math.log(absent), Math.log(1 - absent), -Infinity], row * 3);
    return argumentsOf(decode());
  }

  it("takes a free span that is likely enough when the action head is not too sure it is absent", () => {
    expect(doubted(0.7, 0.8)).toEqual([{ code: "LM-706874", home_city: "Aqtobe" }]);
  });

  it("stays absent when the span is unlikely or the action head is sure", () => {
    expect(doubted(0.7, 0.3)).toEqual([{ code: "LM-706874" }]);
    expect(doubted(0.9, 0.8)).toEqual([{ code: "LM-706874" }]);
  });
});

describe("decodeHeads: two slots reading one span that joins two values", () => {
  const deal = compile(
    tool("deal", { type: "object", properties: { buyer: { type: "string" }, seller: { type: "string" } }, required: ["buyer", "seller"] }),
  );

  it("splits it between them in schema order instead of asking for the second", () => {
    const { builder, decode } = setup("the deal between Acme Foods and Bolt Motors", deal);
    builder.calls("deal", 1);
    for (const path of ["buyer", "seller"]) {
      builder
        .span("deal", path, 0, "Acme Foods")
        .span("deal", path, 0, "Bolt Motors")
        .span("deal", path, 0, "Acme Foods and Bolt Motors", undefined, 8.5);
    }
    expect(argumentsOf(decode("auto", false))).toEqual([{ buyer: "Acme Foods", seller: "Bolt Motors" }]);
  });

  it("leaves a span whose parts are not joined by 'and' whole, and the second slot missing", () => {
    const { builder, decode } = setup("the deal between Acme Foods, Bolt Motors", deal);
    builder.calls("deal", 1);
    for (const path of ["buyer", "seller"]) {
      builder
        .span("deal", path, 0, "Acme Foods")
        .span("deal", path, 0, "Bolt Motors")
        .span("deal", path, 0, "Acme Foods, Bolt Motors", undefined, 8.5);
    }
    expect(decode("auto", false)).toMatchObject({ kind: "missing" });
  });
});

describe("decodeHeads: a likely call the count head doubts", () => {
  /** The count head gives track_order a call with probability `called`; its order id span is `sure` likely. */
  function doubted(called: number, sure: number) {
    const { builder, decode } = setup("where is order A-100 right now", shop);
    builder.span("track_order", "order_id", 0, "A-100", undefined, Math.log(Math.sqrt(sure) / (1 - Math.sqrt(sure))));
    const element = shop.tools.find((t) => t.name === "track_order")?.element ?? -1;
    builder.heads.count.set([Math.log(1 - called), Math.log(called), -Infinity, -Infinity, -Infinity], element * builder.heads.countClasses);
    return decode();
  }

  it("calls the likeliest tool when it is likely enough and every value it reads is sure", () => {
    expect(doubted(0.4, 0.9)).toMatchObject({ kind: "calls", calls: [{ name: "track_order", arguments: { order_id: "A-100" } }] });
  });

  it("calls it as many times as its likeliest count above zero says, and once without parallel calls", () => {
    const { builder, decode } = setup("where are orders A-100 and B-200 right now", shop);
    for (const id of ["A-100", "B-200"]) builder.span("track_order", "order_id", 0, id);
    const element = shop.tools.find((t) => t.name === "track_order")?.element ?? -1;
    builder.heads.count.set([Math.log(0.55), Math.log(0.05), Math.log(0.3), Math.log(0.1), -Infinity], element * builder.heads.countClasses);
    expect(argumentsOf(decode())).toEqual([{ order_id: "A-100" }, { order_id: "B-200" }]);
    expect(argumentsOf(decode("auto", false))).toHaveLength(1);
  });

  it("calls nothing when the tool is unlikely or a value it would read is unsure", () => {
    expect(doubted(0.2, 0.9)).toMatchObject({ kind: "no_call" });
    expect(doubted(0.4, 0.3)).toMatchObject({ kind: "no_call" });
  });
});

describe("decodeHeads: required consts inside optional objects", () => {
  const set = compile(
    tool("ship", {
      type: "object",
      properties: {
        item: { type: "string" },
        options: { type: "object", properties: { carrier: { const: "post" }, note: { type: "string" } }, required: ["carrier"] },
      },
      required: ["item"],
    }),
  );

  it("does not create an optional object only to hold its const", () => {
    const { builder, decode } = setup("Ship the lamp", set);
    builder.calls("ship", 1).span("ship", "item", 0, "lamp");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { item: "lamp" } }] });
    const result = decode();
    expect(result.kind === "calls" && "options" in (result.calls[0]?.arguments ?? {})).toBe(false);
  });

  it("fills the const once the object is there", () => {
    const { builder, decode } = setup("Ship the lamp, note: fragile", set);
    builder.calls("ship", 1).span("ship", "item", 0, "lamp").span("ship", "options.note", 0, "fragile");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { item: "lamp", options: { carrier: "post", note: "fragile" } } }] });
  });
});

describe("decodeHeads: spans on word boundaries", () => {
  it("prefers a whole number over a higher-scored piece of one", () => {
    const set = compile(tool("area", { type: "object", properties: { base: { type: "integer" } }, required: ["base"] }));
    const { builder, decode } = setup("a base of 10 units", set);
    builder.calls("area", 1).span("area", "base", 0, "10");
    // The model scores the span "0" (inside "10") highest.
    const e = set.tools[0]?.slots[0]?.element ?? 0;
    const T = builder.heads.positions;
    const zero = Array.from({ length: T }, (_, t) => t).find((t) => builder.heads.start[e * T + t] === 8) ?? 0;
    builder.heads.start[e * T + zero + 1] = 9;
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { base: 10 } }] });
  });
});

describe("decodeHeads: numbered twins", () => {
  const twins = (second: Record<string, unknown>) =>
    compile(tool("gcd", { type: "object", properties: { num1: { type: "integer" }, num2: second }, required: ["num1", "num2"] }));
  const decodeSwapped = (set: CompiledToolSet) => {
    const { builder, decode } = setup("the gcd of 36 and 48", set);
    builder.calls("gcd", 1).span("gcd", "num1", 0, "48").span("gcd", "num2", 0, "36");
    const result = decode();
    return result.kind === "calls" ? result.calls[0]?.arguments : result.kind;
  };

  it("take their values in the order the text gives them", () => {
    expect(decodeSwapped(twins({ type: "integer" }))).toEqual({ num1: 36, num2: 48 });
  });

  it("keep the model's values when a twin's type would refuse the other's", () => {
    expect(decodeSwapped(twins({ type: "string" }))).toEqual({ num1: 48, num2: "36" });
  });

  it("give a value a twin is named next to to that twin, the other taking the rest", () => {
    const codes = compile(
      tool("pair", {
        type: "object",
        properties: { first_code: { type: "string" }, second_code: { type: "string" } },
        required: ["first_code", "second_code"],
      }),
    );
    const decodeAs = (text: string, first: string, second: string) => {
      const { builder, decode } = setup(text, codes);
      builder.calls("pair", 1).span("pair", "first_code", 0, first).span("pair", "second_code", 0, second);
      const result = decode();
      return result.kind === "calls" ? result.calls[0]?.arguments : result.kind;
    };
    expect(decodeAs("pair 'A-17' and use B-9 for first code", "A-17", "B-9")).toEqual({ first_code: "B-9", second_code: "A-17" });
    expect(decodeAs("pair A-17 and the second_code B-9", "B-9", "A-17")).toEqual({ first_code: "A-17", second_code: "B-9" });
    expect(decodeAs("pair A-17. second code 'B-9'", "B-9", "A-17")).toEqual({ first_code: "A-17", second_code: "B-9" });
    expect(decodeAs("pair A-17 and B-9 for the second code to C", "B-9", "A-17")).toEqual({ first_code: "A-17", second_code: "B-9" });
  });

  it.each([
    ["num1", "num", 1],
    ["charge_2", "charge", 2],
    ["x_b", "x", 2],
    ["dataset_B", "dataset", 2],
    ["first_value", "value", 1],
    ["secondNoteFrequency", "notefrequency", 2],
  ])("%s is twin %s #%d", (name, stem, ordinal) => {
    expect(twinOrdinal(name)).toEqual({ stem, ordinal });
  });

  it.each(["a", "x", "firstly", "ab", "value"])("%s is no twin", (name) => {
    expect(twinOrdinal(name)).toBeNull();
  });
});

describe("decodeHeads: values assigned by name", () => {
  it("take precedence over the pointer heads' span", () => {
    const set = compile(tool("roots", { type: "object", properties: { a: { type: "integer" }, b: { type: "integer" } }, required: ["a", "b"] }));
    const { builder, decode } = setup("roots with a=1, b=-3", set);
    builder.calls("roots", 1).span("roots", "a", 0, "3").span("roots", "b", 0, "1");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { a: 1, b: -3 } }] });
  });

  it("fill slots the action head leaves absent, required or optional", () => {
    const set = compile(
      tool("roots", { type: "object", properties: { a: { type: "integer" }, b: { type: "integer" }, c: { type: "integer" } }, required: ["a"] }),
    );
    const { builder, decode } = setup("roots where a=2, b=6, and c=5", set);
    builder.calls("roots", 1).span("roots", "c", 0, "5");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { a: 2, b: 6, c: 5 } }] });
  });

  it("fill every call the count head asks for, which then fold into the one call the text states", () => {
    const set = compile(
      tool("roots", {
        type: "object",
        properties: { a: { type: "integer" }, b: { type: "integer" }, c: { type: "integer" } },
        required: ["a", "b", "c"],
      }),
    );
    const { builder, decode } = setup("roots where a=2, b=6, and c=5", set);
    builder.calls("roots", 3).span("roots", "c", 0, "5");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { a: 2, b: 6, c: 5 } }] });
  });

  it("leave a slot absent when the message names it without a value", () => {
    const set = compile(tool("roots", { type: "object", properties: { a: { type: "integer" }, b: { type: "integer" } }, required: ["a"] }));
    const { builder, decode } = setup("roots where a=2, b unknown", set);
    builder.calls("roots", 1);
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { a: 2 } }] });
  });
});

describe("decodeHeads: dates in the layout a slot's description asks for", () => {
  const weather = (description?: string) =>
    compile(
      tool("weather", { type: "object", properties: { date: { type: "string", ...(description ? { description } : {}) } }, required: ["date"] }),
    );
  const dateOf = (description?: string, text = "forecast for March 8th, 2023") => {
    const { builder, decode } = setup(text, weather(description));
    builder.calls("weather", 1).span("weather", "date", 0, text.slice(text.indexOf("for ") + 4));
    const result = decode();
    return result.kind === "calls" ? result.calls[0]?.arguments.date : result.kind;
  };

  it("writes a written date in that layout", () => {
    expect(dateOf("The date, in the format of 'YYYY-MM-DD'.")).toBe("2023-03-08");
    expect(dateOf("Departure date, DD/MM/YYYY")).toBe("08/03/2023");
  });

  it("keeps the text without a layout, with two layouts, or when the text is no full date", () => {
    expect(dateOf()).toBe("March 8th, 2023");
    expect(dateOf("YYYY-MM-DD or DD/MM/YYYY")).toBe("March 8th, 2023");
    expect(dateOf("YYYY-MM-DD", "forecast for next Friday")).toBe("next Friday");
  });
});

describe("decodeHeads: names after the request's words", () => {
  it("start at the name, except in a slot for running text", () => {
    const valueOf = (name: string, type: JSONSchema["type"] = "string") => {
      const set = compile(tool("movies", { type: "object", properties: { [name]: { type } }, required: [name] }));
      const { builder, decode } = setup("a movie that features Christopher Lee", set);
      builder.calls("movies", 1).span("movies", name, 0, "features Christopher Lee");
      const result = decode();
      return result.kind === "calls" ? result.calls[0]?.arguments[name] : result.kind;
    };
    expect(valueOf("cast")).toBe("Christopher Lee");
    expect(valueOf("cast", ["string", "null"])).toBe("Christopher Lee");
    expect(valueOf("search_query")).toBe("features Christopher Lee");
  });
});

describe("decodeHeads: values labelled by their parameter's name", () => {
  const set = compile(tool("update", { type: "object", properties: { user_id: { type: "integer" }, max_price: { type: "number" } }, required: [] }));
  const decodeAbsent = (text: string) => {
    const { builder, decode } = setup(text, set);
    builder
      .calls("update", 1)
      .span("update", "user_id", 0, "43523")
      .action("update", "user_id", "absent")
      .span("update", "max_price", 0, "20")
      .action("update", "max_price", "absent");
    const result = decode();
    return result.kind === "calls" ? result.calls[0]?.arguments : result.kind;
  };

  it("fill a slot the action head calls absent when the name's words come right before the span", () => {
    expect(decodeAbsent("update user id 43523 with a max price: 20")).toEqual({ user_id: 43523, max_price: 20 });
  });

  it("leave it absent when the name stands elsewhere", () => {
    expect(decodeAbsent("update 43523 for the user id, 20 as the price")).toEqual({});
  });
});

describe("decodeHeads: temperatures", () => {
  it("read 300K as 300 kelvin in a slot about temperature, as 300 thousand elsewhere", () => {
    const valueOf = (name: string) => {
      const set = compile(tool("entropy", { type: "object", properties: { [name]: { type: "integer" } }, required: [name] }));
      const { builder, decode } = setup("an initial temperature of 300K", set);
      builder.calls("entropy", 1).span("entropy", name, 0, "300K");
      const result = decode();
      return result.kind === "calls" ? result.calls[0]?.arguments[name] : result.kind;
    };
    expect(valueOf("initial_temp")).toBe(300);
    expect(valueOf("followers")).toBe(300_000);
  });
});

describe("decodeHeads: percentages", () => {
  const loan = (rate: Record<string, unknown>, name = "rate") =>
    compile(tool("loan", { type: "object", properties: { [name]: rate }, required: [name] }));
  const rateOf = (set: CompiledToolSet, name = "rate") => {
    const { builder, decode } = setup("a loan at 5% a year", set);
    builder.calls("loan", 1).span("loan", name, 0, "5");
    const result = decode();
    return result.kind === "calls" ? result.calls[0]?.arguments[name] : result.kind;
  };

  it("reads a percentage into a number slot as a fraction", () => {
    expect(rateOf(loan({ type: "number", description: "Annual interest rate" }))).toBe(0.05);
  });

  it("reads a fraction where the slot names percent but asks for a decimal", () => {
    expect(rateOf(loan({ type: "number", description: "The annual interest rate in decimal form. Example, 5% is 0.05." }))).toBe(0.05);
    expect(rateOf(loan({ type: "number", description: "The expected annual return. E.g. 5% = 0.05" }))).toBe(0.05);
  });

  it("keeps the percent figure where the slot says percent, takes integers, or refuses the fraction", () => {
    expect(rateOf(loan({ type: "number" }, "rate_percent"), "rate_percent")).toBe(5);
    expect(rateOf(loan({ type: "number", description: "Rate from 0 to 100" }))).toBe(5);
    expect(rateOf(loan({ type: "integer" }))).toBe(5);
    expect(rateOf(loan({ type: "number", minimum: 1 }))).toBe(5);
  });
});

describe("decodeHeads: spans that open a message", () => {
  const hotels = compile(tool("find_hotels", { type: "object", properties: { city: { type: "string" } }, required: ["city"] }));

  it("prefers a value inside the request over a higher-scored run of words from the message's first byte", () => {
    const { builder, decode } = setup("Find the best hotels in Lyon", hotels);
    builder
      .calls("find_hotels", 1)
      .span("find_hotels", "city", 0, "Find the best hotels in Lyon", undefined, 9)
      .span("find_hotels", "city", 0, "Lyon", undefined, 7);
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { city: "Lyon" } }] });
  });

  it("prefers another value over the word the request opens with", () => {
    const boiling = compile(tool("boiling_point", { type: "object", properties: { substance: { type: "string" } }, required: ["substance"] }));
    const { builder, decode } = setup("Find the boiling point of water", boiling);
    builder
      .calls("boiling_point", 1)
      .span("boiling_point", "substance", 0, "Find", undefined, 9)
      .span("boiling_point", "substance", 0, "water", undefined, 7);
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { substance: "water" } }] });
  });

  it("prefers another value over the greeting the request opens with", () => {
    const { builder, decode } = setup("Hello, hotels in Lyon", hotels);
    builder.calls("find_hotels", 1).span("find_hotels", "city", 0, "Hello", undefined, 9).span("find_hotels", "city", 0, "Lyon", undefined, 7);
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { city: "Lyon" } }] });
  });

  it("keeps one word at the message's first byte as the value", () => {
    const { builder, decode } = setup("Tokyo hotels please", hotels);
    builder.calls("find_hotels", 1).span("find_hotels", "city", 0, "Tokyo", undefined, 9).span("find_hotels", "city", 0, "hotels", undefined, 7);
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { city: "Tokyo" } }] });
  });
});

const gcd = compile(
  tool("gcd", {
    type: "object",
    properties: { first: { type: "integer" }, second: { type: "integer" }, label: { type: "string" } },
    required: ["first", "second"],
  }),
);

/** The arguments of the one gcd call decoded from the heads `mark` sets (false when no call comes out). */
function gcdArguments(text: string, mark: (builder: HeadsBuilder) => unknown): unknown {
  const { builder, decode } = setup(text, gcd);
  mark(builder.calls("gcd", 1));
  const result = decode();
  return result.kind === "calls" && result.calls[0]?.arguments;
}

describe("decodeHeads: distinct spans within a call", () => {
  it("gives the slot with the weaker best span its next reading that no other slot took", () => {
    const args = gcdArguments("gcd of 36 and 48", (b) =>
      b.span("gcd", "second", 0, "48", undefined, 8).span("gcd", "first", 0, "48", undefined, 6).span("gcd", "first", 0, "36", undefined, 3),
    );
    expect(args).toEqual({ first: 36, second: 48 });
  });

  it("lets the stronger slot keep its span whichever slot comes first in the schema", () => {
    const args = gcdArguments("gcd of 36 and 48", (b) =>
      b.span("gcd", "first", 0, "36", undefined, 8).span("gcd", "second", 0, "36", undefined, 6).span("gcd", "second", 0, "48", undefined, 2),
    );
    expect(args).toEqual({ first: 36, second: 48 });
  });

  it("asks for a required slot whose every reading another slot took", () => {
    const { builder, decode } = setup("gcd of 36 please, label it blue", gcd);
    builder
      .calls("gcd", 1)
      .span("gcd", "first", 0, "36", undefined, 8)
      .span("gcd", "second", 0, "36", undefined, 6)
      .span("gcd", "second", 0, "blue", undefined, 2);
    expect(decode()).toMatchObject({ kind: "missing", missing: [{ name: "gcd", parameters: ["second"] }] });
  });

  it("leaves out an optional slot whose every reading another slot took", () => {
    const args = gcdArguments("gcd of 36 and 48", (b) =>
      b.span("gcd", "first", 0, "36").span("gcd", "second", 0, "48").span("gcd", "label", 0, "48", undefined, 5),
    );
    expect(args).toEqual({ first: 36, second: 48 });
  });

  it("has an optional slot yield a span that a required slot would otherwise go without", () => {
    const args = gcdArguments("gcd of 36 and 48", (b) =>
      b.span("gcd", "first", 0, "36").span("gcd", "label", 0, "48", undefined, 8).span("gcd", "second", 0, "48", undefined, 6),
    );
    expect(args).toEqual({ first: 36, second: 48 });
  });

  it("leaves out an optional slot whose span is below the floor, and keeps one above it", () => {
    const withLabel = (strength: number) => (b: HeadsBuilder) =>
      b.span("gcd", "first", 0, "36").span("gcd", "second", 0, "48").span("gcd", "label", 0, "blue", undefined, strength);
    expect(gcdArguments("gcd of 36 and 48, label blue", withLabel(-2))).toEqual({ first: 36, second: 48 });
    expect(gcdArguments("gcd of 36 and 48, label blue", withLabel(0))).toEqual({ first: 36, second: 48, label: "blue" });
  });

  it("gives an optional slot none of the request's own opening words", () => {
    const opening = (b: HeadsBuilder) => b.span("gcd", "first", 0, "36").span("gcd", "second", 0, "48").span("gcd", "label", 0, "Give");
    expect(gcdArguments("Give the gcd of 36 and 48", opening)).toEqual({ first: 36, second: 48 });
  });

  it("keeps a required slot's span however unlikely it is", () => {
    const args = gcdArguments("gcd of 36 and 48", (b) => b.span("gcd", "first", 0, "36", undefined, -3).span("gcd", "second", 0, "48"));
    expect(args).toEqual({ first: 36, second: 48 });
  });
});

describe("decodeHeads: a required slot leaning absent", () => {
  /**
   * first reads 36; second points at `target` with start and end logits `strength` (0: span probability 0.25) but
   * leans absent: p(absent) = `absent`.
   */
  function decodeLeaning(text: string, target: string, absent: number, strength = 0): ReturnType<typeof decodeHeads> {
    const { builder, decode } = setup(text, gcd);
    builder.calls("gcd", 1).span("gcd", "first", 0, "36").span("gcd", "second", 0, target, undefined, strength);
    const element = gcd.tools[0]?.slots.find((slot) => slot.path.join(".") === "second")?.element ?? -1;
    builder.heads.action.set([Math.log(absent), Math.log(1 - absent), Number.NEGATIVE_INFINITY], element * 3);
    return decode();
  }

  it("takes a free span that reads as its type when absence is not clearly more likely", () => {
    expect(decodeLeaning("gcd of 36 and 48", "48", 0.7)).toMatchObject({ kind: "calls", calls: [{ arguments: { first: 36, second: 48 } }] });
  });

  it("is missing when absence is clearly more likely", () => {
    expect(decodeLeaning("gcd of 36 and 48", "48", 0.9)).toMatchObject({ kind: "missing", missing: [{ name: "gcd", parameters: ["second"] }] });
  });

  it("is missing when its only reading is a span another slot took", () => {
    expect(decodeLeaning("gcd of 36 please", "36", 0.7)).toMatchObject({ kind: "missing", missing: [{ name: "gcd", parameters: ["second"] }] });
  });

  it("is missing when its free span is below the floor", () => {
    expect(decodeLeaning("gcd of 36 and 48", "48", 0.7, -2)).toMatchObject({ kind: "missing", missing: [{ name: "gcd", parameters: ["second"] }] });
  });

  it("is missing when its free span is the request's own opening words, and filled from a value", () => {
    const track = compile(
      tool("track_shipment", { type: "object", properties: { tracking_number: { type: "string" } }, required: ["tracking_number"] }),
    );
    const leaning = (text: string, target: string) => {
      const { builder, decode } = setup(text, track);
      builder.calls("track_shipment", 1).span("track_shipment", "tracking_number", 0, target);
      const element = track.tools[0]?.slots[0]?.element ?? -1;
      builder.heads.action.set([Math.log(0.7), Math.log(0.3), Number.NEGATIVE_INFINITY], element * 3);
      return decode();
    };
    expect(leaning("Please trace my shipment", "Please trace")).toMatchObject({ kind: "missing", missing: [{ parameters: ["tracking_number"] }] });
    expect(leaning("Please trace shipment 1Z999", "1Z999")).toMatchObject({ kind: "calls", calls: [{ arguments: { tracking_number: "1Z999" } }] });
  });

  it("takes its likely span in one call when the count head's two calls would both lack it", () => {
    const { builder, decode } = setup("gcd of 36 and 48", gcd);
    builder.calls("gcd", 2).span("gcd", "first", 0, "36").span("gcd", "second", 0, "48");
    const element = gcd.tools[0]?.slots.find((slot) => slot.path.join(".") === "second")?.element ?? -1;
    builder.heads.action.set([Math.log(0.7), Math.log(0.3), Number.NEGATIVE_INFINITY], element * 3);
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { first: 36, second: 48 } }] });
  });
});

describe("decodeHeads: enum options", () => {
  const sizes = compile(
    tool("add_to_cart", {
      type: "object",
      properties: { product: { type: "string" }, size: { type: "string", enum: ["S", "M", "L"] }, color: { type: "string", enum: ["red", "blue"] } },
      required: ["product", "color"],
    }),
  );
  /**
   * Option logits 1, 0, 0 for size and 1, 0 for color: neither slot's best option reaches the floor; the action head
   * gives size a value with probability `stated`.
   */
  function undecided(builder: HeadsBuilder, stated = 0.9): void {
    builder
      .calls("add_to_cart", 1)
      .span("add_to_cart", "product", 0, "socks")
      .option("add_to_cart", "size", "S")
      .option("add_to_cart", "color", "red");
    const options = builder.heads.option;
    options.forEach((v, i) => (options[i] = v > 0 ? 1 : 0));
    const row = sizes.tools[0]?.slots.find((s) => s.path.join(".") === "size")?.element ?? -1;
    builder.heads.action.set([0, Math.log(stated / (1 - stated)), -Infinity], row * 3);
  }

  it("leaves out an optional enum slot whose options score alike, and keeps a required one", () => {
    const { builder, decode } = setup("Add socks to my cart", sizes);
    undecided(builder);
    const result = decode();
    expect(result).toMatchObject({ kind: "calls", calls: [{ arguments: { product: "socks", color: "red" } }] });
    expect(result.kind === "calls" && "size" in (result.calls[0]?.arguments ?? {})).toBe(false);
  });

  it("keeps an optional enum slot the action head is sure is stated, though its options score alike", () => {
    const { builder, decode } = setup("Add socks in size S to my cart", sizes);
    undecided(builder, 0.97);
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { product: "socks", size: "S", color: "red" } }] });
  });

  it("keeps an optional enum slot whose best option stands out", () => {
    const { builder, decode } = setup("Add socks in size S to my cart", sizes);
    undecided(builder);
    builder.heads.option.forEach((v, i, options) => (options[i] = v * 5));
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { product: "socks", size: "S", color: "red" } }] });
  });
});

describe("decodeHeads: a value and its parameter's name", () => {
  const games = compile(
    tool("find_game", { type: "object", properties: { platform: { type: "string" }, city: { type: "string" } }, required: ["platform"] }),
  );

  it("reads a value without its parameter's name written after it in lower case", () => {
    const { builder, decode } = setup("updates for Cyberpunk on Xbox platform", games);
    builder.calls("find_game", 1).span("find_game", "platform", 0, "Xbox platform");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { platform: "Xbox" } }] });
  });

  it("keeps a capitalised name word that is part of the value", () => {
    const { builder, decode } = setup("games on Xbox in Salt Lake City", games);
    builder.calls("find_game", 1).span("find_game", "platform", 0, "Xbox").span("find_game", "city", 0, "Salt Lake City");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { platform: "Xbox", city: "Salt Lake City" } }] });
  });
});

describe("decodeHeads: an option the message names", () => {
  const shop = compile(
    tool("search", {
      type: "object",
      properties: {
        query: { type: "string" },
        color: { type: "string", enum: ["red", "blue"] },
        sort: { type: "string", enum: ["price_asc", "newest"] },
      },
      required: ["query", "color"],
    }),
  );

  it("takes the one option the last message names, over the option heads and the action head", () => {
    const { builder, decode } = setup("socks in blue, sorted by price asc", shop);
    builder.calls("search", 1).span("search", "query", 0, "socks").option("search", "color", "red").action("search", "sort", "absent");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { query: "socks", color: "blue", sort: "price_asc" } }] });
  });

  it("fills an array of options with every option the message names, whatever the action head says", () => {
    const route = compile(
      tool("directions", {
        type: "object",
        properties: { end: { type: "string" }, avoid: { type: "array", items: { type: "string", enum: ["tolls", "highways", "ferries"] } } },
        required: ["end"],
      }),
    );
    const { builder, decode } = setup("directions to Lyon avoiding highways and toll roads", route);
    builder.calls("directions", 1).span("directions", "end", 0, "Lyon").action("directions", "avoid", "absent");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { end: "Lyon", avoid: ["highways", "tolls"] } }] });
  });

  it("leaves the choice to the heads when the message names several options", () => {
    const { builder, decode } = setup("socks in red or blue, newest or price_asc", shop);
    builder.calls("search", 1).span("search", "query", 0, "socks").option("search", "color", "red").action("search", "sort", "absent");
    const result = decode();
    expect(result).toMatchObject({ kind: "calls", calls: [{ arguments: { query: "socks", color: "red" } }] });
    expect(result.kind === "calls" && "sort" in (result.calls[0]?.arguments ?? {})).toBe(false);
  });
});

describe("decodeHeads: identical parallel calls", () => {
  it("returns identical parallel calls once", () => {
    const { builder, decode } = setup("gcd of 36 and 48", gcd);
    builder.calls("gcd", 2).span("gcd", "first", 0, "36").span("gcd", "second", 0, "48");
    const result = decode();
    expect(result.kind === "calls" && result.calls.map((c) => c.arguments)).toEqual([{ first: 36, second: 48 }]);
  });

  it("keeps parallel calls whose arguments differ", () => {
    const { builder, decode } = setup("gcd of 36 and 48, and of 10 and 15", gcd);
    builder.calls("gcd", 2).span("gcd", "first", 0, "36").span("gcd", "first", 0, "10").span("gcd", "second", 0, "48").span("gcd", "second", 0, "15");
    const result = decode();
    expect(result.kind === "calls" && result.calls.map((c) => c.arguments)).toEqual([
      { first: 36, second: 48 },
      { first: 10, second: 15 },
    ]);
  });
});

describe("decodeHeads: tools that restate each other", () => {
  const servers = compile(
    tool("add_postgres_server", { type: "object", properties: { nickname: { type: "string" }, port: { type: "integer" } }, required: ["nickname"] }),
    tool("add_mysql_server", {
      type: "object",
      properties: { nickname: { type: "string" }, user: { type: "string" } },
      required: ["nickname", "user"],
    }),
  );
  const names = (result: ReturnType<typeof decodeHeads>) =>
    result.kind === "calls" ? result.calls.map((c) => c.name) : result.kind === "missing" ? result.missing.map((m) => `${m.name}?`) : result.kind;

  it("leave out the less sure tool when all its values come from the surer one's spans", () => {
    const { builder, decode } = setup("add the postgres server MainDB on port 5432", servers);
    builder.calls("add_postgres_server", 1).span("add_postgres_server", "nickname", 0, "MainDB").span("add_postgres_server", "port", 0, "5432");
    builder.calls("add_mysql_server", 1, 3).span("add_mysql_server", "nickname", 0, "MainDB");
    expect(names(decode())).toEqual(["add_postgres_server"]);
  });

  it("keep both tools when the less sure one has a value of its own", () => {
    const { builder, decode } = setup("add the postgres server MainDB, and a mysql one MainDB for user admin", servers);
    builder.calls("add_postgres_server", 1).span("add_postgres_server", "nickname", 0, "MainDB", 0);
    builder.calls("add_mysql_server", 1, 3).span("add_mysql_server", "nickname", 0, "MainDB", 0).span("add_mysql_server", "user", 0, "admin");
    expect(names(decode())).toEqual(["add_postgres_server", "add_mysql_server"]);
  });
});

describe("decodeHeads: a tool lacking an argument beside one called in full", () => {
  const servers = compile(
    tool("list_servers", { type: "object", properties: { type: { type: "string", enum: ["postgres", "openai"] } } }),
    tool("add_postgres_server", {
      type: "object",
      properties: { nickname: { type: "string" }, host: { type: "string" } },
      required: ["nickname", "host"],
    }),
  );
  const names = (result: ReturnType<typeof decodeHeads>) =>
    result.kind === "calls" ? result.calls.map((c) => c.name) : result.kind === "missing" ? result.missing.map((m) => `${m.name}?`) : result.kind;

  it("yields to a surer tool called in full", () => {
    const { builder, decode } = setup("List all openai servers", servers);
    builder.calls("list_servers", 1).option("list_servers", "type", "openai").calls("add_postgres_server", 1, 3);
    expect(names(decode())).toEqual(["list_servers"]);
  });

  it("still asks for its argument when it is the surer tool", () => {
    const { builder, decode } = setup("Add the server pg1 and list the openai ones", servers);
    builder
      .calls("list_servers", 1, 3)
      .option("list_servers", "type", "openai")
      .calls("add_postgres_server", 1)
      .span("add_postgres_server", "nickname", 0, "pg1");
    expect(names(decode())).toEqual(["add_postgres_server?"]);
  });
});

describe("decodeHeads: numbers counted in their parameter's name", () => {
  const house = compile(
    tool("predict_house_price", {
      type: "object",
      properties: { bedrooms: { type: "integer" }, bathrooms: { type: "integer" }, area: { type: "integer" } },
      required: ["bedrooms", "bathrooms", "area"],
    }),
  );

  it("go to the parameter the text names after them, whatever the pointers prefer", () => {
    const { builder, decode } = setup("a house with 3 bedrooms, 2 bathrooms and area of 1800 square feet", house);
    builder
      .calls("predict_house_price", 1)
      .span("predict_house_price", "bedrooms", 0, "2")
      .span("predict_house_price", "bathrooms", 0, "3")
      .span("predict_house_price", "area", 0, "1800");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { bedrooms: 3, bathrooms: 2, area: 1800 } }] });
  });
});

describe("decodeHeads: a URL for a parameter named for one", () => {
  const http = compile(tool("http_get", { type: "object", properties: { url: { type: "string" } }, required: ["url"] }));

  it("is the message's one URL, whatever span the pointers prefer", () => {
    const { builder, decode } = setup("Fetch the groups from the URL 'https://api.insights.com/groups'", http);
    builder.calls("http_get", 1).span("http_get", "url", 0, "URL");
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { url: "https://api.insights.com/groups" } }] });
  });
});

describe("decodeHeads: array twins", () => {
  const ttest = compile(
    tool("t_test", {
      type: "object",
      properties: { array_1: { type: "array", items: { type: "number" } }, array_2: { type: "array", items: { type: "number" } } },
      required: ["array_1", "array_2"],
    }),
  );

  it("take one list each, in turn, however the model spread the items", () => {
    const { builder, decode } = setup("a t-test on Control [10, 15, 12, 14, 11] and Treated [18, 16, 17, 20, 22] please", ttest);
    builder.calls("t_test", 1);
    for (const item of ["10", "15", "17", "20"]) builder.span("t_test", "array_1", 0, item);
    for (const item of ["12", "16", "22"]) builder.span("t_test", "array_2", 0, item);
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { array_1: [10, 15, 12, 14, 11], array_2: [18, 16, 17, 20, 22] } }] });
  });
});

describe("decodeHeads: optional booleans", () => {
  const homes = compile(
    tool("find_home", {
      type: "object",
      properties: {
        city: { type: "string" },
        has_garage: { type: "boolean", description: "Whether there is a garage" },
        in_unit_laundry: { type: "boolean", description: "Laundry in the unit" },
      },
      required: ["city"],
    }),
  );

  it("are left out when the conversation never names them, and read when it does in other words", () => {
    const { builder, decode } = setup("a home in Sunnyvale with laundry facilities please", homes);
    builder
      .calls("find_home", 1)
      .span("find_home", "city", 0, "Sunnyvale")
      .bool("find_home", "has_garage", true)
      .bool("find_home", "in_unit_laundry", true);
    expect(decode()).toMatchObject({ kind: "calls", calls: [{ arguments: { city: "Sunnyvale", in_unit_laundry: true } }] });
    const result = decode();
    expect(result.kind === "calls" && "has_garage" in (result.calls[0]?.arguments ?? {})).toBe(false);
  });
});
