import { describe, expect, it } from "vitest";
import { createSerialQueue } from "./serial.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("createSerialQueue", () => {
  it("never runs two jobs at once and keeps their order", async () => {
    const serial = createSerialQueue();
    let running = 0;
    let overlap = false;
    const order: number[] = [];
    const job = (n: number) => async () => {
      running += 1;
      if (running > 1) overlap = true;
      await tick();
      order.push(n);
      running -= 1;
      return n;
    };
    const results = await Promise.all([serial(job(1)), serial(job(2)), serial(job(3))]);
    expect(results).toEqual([1, 2, 3]);
    expect(order).toEqual([1, 2, 3]);
    expect(overlap).toBe(false);
  });

  it("keeps serving after a job fails", async () => {
    const serial = createSerialQueue();
    const failed = serial(async () => {
      throw new Error("boom");
    });
    await expect(failed).rejects.toThrow("boom");
    await expect(serial(async () => "next")).resolves.toBe("next");
  });
});
