import { describe, expect, it } from "vitest";
import { compile, tool } from "../../tools/testing/compile.js";
import { argumentsOf, headsFor } from "../testing/heads.js";

const cart = (sizes: string[]) =>
  compile(
    tool("add_to_cart", {
      type: "object",
      properties: { product_id: { type: "string" }, size: { type: "string", enum: sizes } },
      required: ["product_id"],
    }),
  );
const clothing = cart(["XS", "S", "M", "L", "XL"]);

function decoded(text: string, set: ReturnType<typeof cart>) {
  const h = headsFor(text, set);
  h.builder.calls("add_to_cart", 1).span("add_to_cart", "product_id", 0, "ZU-562");
  return argumentsOf(h.decode());
}

describe("sizedOption", () => {
  it("takes the size code the message spells out, the longer words first", () => {
    expect(decoded("please add ZU-562 to my cart, extra large", clothing)).toEqual([{ product_id: "ZU-562", size: "XL" }]);
    expect(decoded("please add ZU-562 in a medium", clothing)).toEqual([{ product_id: "ZU-562", size: "M" }]);
    expect(decoded("please add ZU-562, size large", cart(["s", "m", "l"]))).toEqual([{ product_id: "ZU-562", size: "l" }]);
  });

  it("leaves the slot to the heads when the message spells two sizes, or the options are no size codes", () => {
    expect(decoded("please add ZU-562 in small or medium", clothing)).toEqual([{ product_id: "ZU-562" }]);
    expect(decoded("please add ZU-562, the large one", cart(["red", "blue", "green"]))).toEqual([{ product_id: "ZU-562" }]);
    expect(decoded("please add ZU-562 in extra large", cart(["S", "M", "L"]))).toEqual([{ product_id: "ZU-562" }]);
  });
});
