import { describe, expect, it } from "vitest";
import { answerMarkerWithPrecompiledModule, ortWasmMemoryBytes, PRECOMPILED_WASM_MARKER } from "./precompiled-wasm.js";

/** The smallest module with one page of exported memory: (module (memory (export "mem") 1)). */
const MEMORY_MODULE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x07, 0x01, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00,
]);
/** An empty module: (module). */
const EMPTY_MODULE = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

interface Instantiated {
  module: WebAssembly.Module;
  instance: WebAssembly.Instance;
}

const instantiate = (bytes: Uint8Array): Promise<Instantiated> =>
  (WebAssembly.instantiate as (source: Uint8Array, imports: object) => Promise<unknown>)(bytes, {}) as Promise<Instantiated>;

/** Node can compile bytes (workers cannot, so the Workers types leave `compile` out). */
const compile = (bytes: Uint8Array): Promise<WebAssembly.Module> =>
  (WebAssembly as unknown as { compile(source: Uint8Array): Promise<WebAssembly.Module> }).compile(bytes);

describe("answerMarkerWithPrecompiledModule", async () => {
  const precompiled = await compile(MEMORY_MODULE);
  const other = await compile(EMPTY_MODULE);
  answerMarkerWithPrecompiledModule(precompiled);

  it("answers instantiate(marker) with an instance of the precompiled module", async () => {
    expect(ortWasmMemoryBytes()).toBeUndefined();
    const copy = new Uint8Array(PRECOMPILED_WASM_MARKER);
    const result = await instantiate(copy);
    expect(result.module).toBe(precompiled);
    expect(result.instance.exports.mem).toBeInstanceOf(WebAssembly.Memory);
    expect(ortWasmMemoryBytes()).toBe(65536);
  });

  it("passes every other call through unchanged", async () => {
    const result = await instantiate(EMPTY_MODULE);
    expect(result.module).not.toBe(precompiled);
    expect(Object.keys(result.instance.exports)).toEqual([]);
  });

  it("refuses a second, different module", () => {
    expect(() => answerMarkerWithPrecompiledModule(other)).toThrow(/already installed/);
    expect(() => answerMarkerWithPrecompiledModule(precompiled)).not.toThrow();
  });
});
