import { describe, expect, it } from "vitest";
import { compile, tool } from "../../tools/testing/compile.js";
import { readSpans } from "./slot.js";
import { userConversation } from "../testing/conversation.js";
import { shippedDecode } from "../testing/settings.js";

describe("readSpans", () => {
  const set = compile(tool("browse", { type: "object", properties: { brand: { type: "string" }, limit: { type: "integer" } } }));
  const [brand, limit] = set.tools[0]?.slots ?? [];
  const domainOf = (slot: typeof brand) => (slot?.fill.kind === "span" ? slot.fill.domain : { rules: [], exclusive: false });

  it("reads no function words alone as a string value, but words around them", () => {
    const { conversation, at } = userConversation("browse with using 96 for which-way signs");
    const values = (text: string) => shippedDecode(() => readSpans(conversation, [at(0, text)], domainOf(brand))).map((r) => r.value);
    expect(values("using")).toEqual([]);
    expect(values("with")).toEqual([]);
    expect(values("with using")).toEqual([]);
    expect(values("for which-way signs")).toEqual(["for which-way signs"]);
    expect(values("which-way")).toEqual(["which-way"]);
  });

  it("reads no comparison words as a string value", () => {
    const { conversation, at } = userConversation("vegan, under 30 minutes, rated more than 4, ID");
    const values = (text: string) => shippedDecode(() => readSpans(conversation, [at(0, text)], domainOf(brand))).map((r) => r.value);
    expect(values("under")).toEqual([]);
    expect(values("more than")).toEqual([]);
    expect(values("ID")).toEqual([]);
    expect(values("vegan")).toEqual(["vegan"]);
  });

  it("reads numbers under a numeric domain", () => {
    const { conversation, at } = userConversation("browse with using 96 for which-way signs");
    expect(shippedDecode(() => readSpans(conversation, [at(0, "96")], domainOf(limit))).map((r) => r.value)).toEqual([96]);
    expect(shippedDecode(() => readSpans(conversation, [at(0, "using")], domainOf(limit)))).toEqual([]);
  });
});
