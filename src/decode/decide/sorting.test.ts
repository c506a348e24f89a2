import { describe, expect, it } from "vitest";
import { compile, tool } from "../../tools/testing/compile.js";
import { argumentsOf, headsFor } from "../testing/heads.js";

const search = (options: string[]) =>
  compile(
    tool("search_products", {
      type: "object",
      properties: { query: { type: "string" }, sort: { type: "string", enum: options } },
      required: ["query"],
    }),
  );
const shop = search(["price_asc", "price_desc", "rating", "newest"]);
const twoWays = search(["price_asc", "price_desc", "rating_asc", "rating_desc"]);
const plain = search(["ascending", "descending"]);

function decoded(text: string, set: ReturnType<typeof search>, query: string) {
  const h = headsFor(text, set);
  h.builder.calls("search_products", 1).span("search_products", "query", 0, query);
  return argumentsOf(h.decode());
}

describe("sortedOption", () => {
  it("takes the option whose direction the message states, by the quantity it names or implies", () => {
    expect(decoded("show me running shoes, cheapest first", shop, "running shoes")).toEqual([{ query: "running shoes", sort: "price_asc" }]);
    expect(decoded("show me desk lamps, highest price first", twoWays, "desk lamps")).toEqual([{ query: "desk lamps", sort: "price_desc" }]);
    expect(decoded("find rain jackets sorted from low to high", plain, "rain jackets")).toEqual([{ query: "rain jackets", sort: "ascending" }]);
  });

  it("leaves the slot to the heads when the message states both directions, none, or the options carry none", () => {
    expect(decoded("mugs with the lowest price and the highest rating", twoWays, "mugs")).toEqual([{ query: "mugs" }]);
    expect(decoded("show me desk lamps, highest first", twoWays, "desk lamps")).toEqual([{ query: "desk lamps" }]);
    expect(decoded("show me mugs", shop, "mugs")).toEqual([{ query: "mugs" }]);
    expect(decoded("the cheapest mugs", search(["price", "rating"]), "mugs")).toEqual([{ query: "mugs" }]);
  });
});
