import { describe, expect, it } from "vitest";
import { compile, tool } from "../../tools/testing/compile.js";
import { argumentsOf, headsFor } from "../testing/heads.js";

const weather = compile(
  tool("weather_get", { type: "object", properties: { city: { type: "string" }, country: { type: "string" } }, required: ["city", "country"] }),
);

describe("splitPlace", () => {
  it("splits a city and its country written as one place between the two slots", () => {
    const { builder, decode } = headsFor("What is the temperature in London, UK?", weather);
    builder.calls("weather_get", 1).span("weather_get", "country", 0, "London, UK").action("weather_get", "city", "absent");
    expect(argumentsOf(decode())).toEqual([{ city: "London", country: "UK" }]);
  });

  it("splits the place whichever slot the model gave it to", () => {
    const { builder, decode } = headsFor("What is the temperature in London, UK?", weather);
    builder.calls("weather_get", 1).span("weather_get", "city", 0, "London, UK").span("weather_get", "country", 0, "UK");
    expect(argumentsOf(decode())).toEqual([{ city: "London", country: "UK" }]);
  });

  it("splits a place between a location and a country slot", () => {
    const time = compile(
      tool("get_time", {
        type: "object",
        properties: { location: { type: "string" }, country: { type: "string" } },
        required: ["location", "country"],
      }),
    );
    const { builder, decode } = headsFor("What's the current time in Sydney, Australia?", time);
    builder.calls("get_time", 1).span("get_time", "location", 0, "Sydney, Australia").span("get_time", "country", 0, "Australia");
    expect(argumentsOf(decode())).toEqual([{ location: "Sydney", country: "Australia" }]);
  });

  it("leaves places with no comma, and slots the text fills apart, alone", () => {
    const apart = headsFor("Weather in Paris, then in Lyon, France", weather);
    apart.builder.calls("weather_get", 1).span("weather_get", "city", 0, "Paris").span("weather_get", "country", 0, "Lyon, France");
    expect(argumentsOf(apart.decode())).toEqual([{ city: "Paris", country: "Lyon, France" }]);
    const plain = headsFor("Weather in Lyon in France", weather);
    plain.builder.calls("weather_get", 1).span("weather_get", "city", 0, "Lyon").span("weather_get", "country", 0, "France");
    expect(argumentsOf(plain.decode())).toEqual([{ city: "Lyon", country: "France" }]);
  });
});
