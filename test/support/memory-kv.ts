/** A KV double for the memory tests: a Map with KV's calls, a log of writes, and switches that make it fail or hang. */
import type { MemoryKv } from "../../src/memory/kv.js";

export class MemoryKvDouble implements MemoryKv {
  readonly values = new Map<string, string>();
  readonly puts: Array<{ key: string; expirationTtl: number }> = [];
  /** "fail": every call rejects; "hang": every call never settles; "fail-writes": only put rejects. */
  mode: "ok" | "fail" | "hang" | "fail-writes" = "ok";
  reads = 0;

  private async gate(write: boolean): Promise<void> {
    if (this.mode === "fail" || (write && this.mode === "fail-writes")) throw new Error("KV is down");
    if (this.mode === "hang") await new Promise<never>(() => undefined);
  }

  async get(key: string): Promise<string | null> {
    this.reads += 1;
    await this.gate(false);
    return this.values.get(key) ?? null;
  }

  async put(key: string, value: string, options: { expirationTtl: number }): Promise<void> {
    await this.gate(true);
    this.puts.push({ key, expirationTtl: options.expirationTtl });
    this.values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    await this.gate(true);
    this.values.delete(key);
  }
}
