import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelayMs, sleep } from "./retry.js";

describe("retry delays", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter("0.5")).toBe(500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("jitters between base and twice the base without Retry-After", () => {
    expect(retryDelayMs(undefined, 100, () => 0)).toBe(100);
    expect(retryDelayMs(undefined, 100, () => 0.999)).toBe(200);
  });

  it("waits at least what Retry-After asks", () => {
    expect(retryDelayMs(1000, 100, () => 0)).toBe(1000);
    expect(retryDelayMs(1000, 100, () => 0.5)).toBe(1050);
  });

  it("sleep rejects with the signal's reason when aborted", async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort(new Error("deadline"));
    await expect(pending).rejects.toThrow("deadline");
  });
});
