import { describe, expect, it } from "vitest";
import { compile, tool } from "../../tools/testing/compile.js";
import { argumentsOf, headsFor } from "../testing/heads.js";

const circle = compile(
  tool("circumference", { type: "object", properties: { radius: { type: "number" }, unit: { type: "string" } }, required: ["radius"] }),
);

describe("withUnits", () => {
  it("gives a unit slot the one unit the message writes, in place of a word that names none", () => {
    const junk = headsFor("the circumference of four circles of radius 5cm", circle);
    junk.builder.calls("circumference", 1).span("circumference", "radius", 0, "5").span("circumference", "unit", 0, "four");
    expect(argumentsOf(junk.decode())).toEqual([{ radius: 5, unit: "cm" }]);
    const absent = headsFor("a circle with a radius of 4 inches", circle);
    absent.builder.calls("circumference", 1).span("circumference", "radius", 0, "4");
    expect(argumentsOf(absent.decode())).toEqual([{ radius: 4, unit: "inches" }]);
  });

  it("keeps a unit the slot holds, and leaves the slot alone when the message writes several units or none", () => {
    const held = headsFor("radius 4 in, in meters", circle);
    held.builder.calls("circumference", 1).span("circumference", "radius", 0, "4").span("circumference", "unit", 0, "meters");
    expect(argumentsOf(held.decode())).toEqual([{ radius: 4, unit: "meters" }]);
    const several = headsFor("a radius of 4 inches, or 10 cm", circle);
    several.builder.calls("circumference", 1).span("circumference", "radius", 0, "4");
    expect(argumentsOf(several.decode())).toEqual([{ radius: 4 }]);
  });
});
