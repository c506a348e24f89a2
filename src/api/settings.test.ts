import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BODY_BYTES, readSettings } from "./settings.js";

describe("readSettings", () => {
  it("uses defaults when nothing is configured", () => {
    expect(readSettings(undefined)).toEqual({ maxBodyBytes: DEFAULT_MAX_BODY_BYTES, corsOrigins: "*", apiKeys: [] });
  });

  it("parses lists and the body limit, ignoring blanks and bad numbers", () => {
    expect(readSettings({ MAX_BODY_BYTES: "2048", CORS_ORIGINS: " https://a.example , ,https://b.example", EDGECALL_API_KEYS: "k1,,k2 " })).toEqual({
      maxBodyBytes: 2048,
      corsOrigins: ["https://a.example", "https://b.example"],
      apiKeys: ["k1", "k2"],
    });
    expect(readSettings({ MAX_BODY_BYTES: "-5" }).maxBodyBytes).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(readSettings({ MAX_BODY_BYTES: "1.5" }).maxBodyBytes).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(readSettings({ CORS_ORIGINS: "https://a.example,*" }).corsOrigins).toBe("*");
  });
});
