import { describe, expect, it } from "vitest";
import { lazyOnce } from "./once.js";

describe("lazyOnce", () => {
  it("starts once and shares the value between concurrent and later callers", async () => {
    let starts = 0;
    const get = lazyOnce(async () => {
      starts += 1;
      return { session: starts };
    });
    const [a, b] = await Promise.all([get(), get()]);
    const c = await get();
    expect(starts).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
  });

  it("does not keep a failure: the next call starts again", async () => {
    let attempt = 0;
    const get = lazyOnce(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error("transient");
      return attempt;
    });
    await expect(get()).rejects.toThrow("transient");
    await expect(get()).resolves.toBe(2);
    await expect(get()).resolves.toBe(2);
  });
});
