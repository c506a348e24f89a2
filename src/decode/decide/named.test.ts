import { describe, expect, it } from "vitest";
import { compile, tool } from "../../tools/testing/compile.js";
import { namedItems, namedOption } from "./named.js";
import { userConversation } from "../testing/conversation.js";

const set = compile(
  tool("find", {
    type: "object",
    properties: {
      sort: { type: "string", enum: ["price_asc", "newest", "a"] },
      avoid: { type: "array", items: { type: "string", enum: ["tolls", "highways", "ferries"] } },
      size: { type: "array", items: { type: "string" } },
    },
  }),
);
const [sort, avoid, size] = set.tools[0]?.slots ?? [];

describe("namedOption", () => {
  const option = (...texts: string[]) => {
    if (sort?.fill.kind !== "enum") throw new Error("sort is an enum slot");
    const k = namedOption(userConversation(...texts).conversation, sort.fill);
    return k === null ? null : sort.fill.options[k];
  };

  it("finds the one option the last message names as whole words, with spaces for joiners", () => {
    expect(option("sorted by price asc please")).toBe("price_asc");
    expect(option("the NEWEST first")).toBe("newest");
  });

  it("finds none when the message names several, only part of a word, or a one-letter option", () => {
    expect(option("newest or price_asc")).toBeNull();
    expect(option("the newestones")).toBeNull();
    expect(option("a pair of socks")).toBeNull();
    expect(option("sort by newest", "something else")).toBeNull();
  });
});

describe("namedItems", () => {
  const items = (text: string, slot = avoid) => {
    if (slot?.fill.kind !== "array") throw new Error("not an array slot");
    return namedItems(userConversation(text).conversation, slot.fill.items);
  };

  it("takes every option the last message names, singular or plural, in its order", () => {
    expect(items("directions avoiding highways and toll roads")).toEqual(["highways", "tolls"]);
    expect(items("no ferries, no toll, no highway")).toEqual(["ferries", "tolls", "highways"]);
  });

  it("takes nothing from an array whose items list no options, or a message naming none", () => {
    expect(items("the fastest route")).toEqual([]);
    expect(items("size tolls", size)).toEqual([]);
  });
});
