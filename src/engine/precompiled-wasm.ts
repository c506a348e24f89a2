/**
 * Workers refuse to compile WebAssembly from bytes at run time; wrangler compiles `.wasm` modules at build time
 * instead. onnxruntime-web, however, only starts from bytes: it calls `WebAssembly.instantiate(bytes, imports)`
 * with the bytes it was given in `env.wasm.wasmBinary`. We give it a short marker instead of the real binary and
 * answer exactly that call with an instance of the precompiled module. Every other call passes through unchanged.
 */
const MARKER_TEXT = "edgecall:precompiled-ort-wasm";

export const PRECOMPILED_WASM_MARKER: Uint8Array = new TextEncoder().encode(MARKER_TEXT);

function isMarker(source: unknown): boolean {
  let view: Uint8Array;
  if (source instanceof Uint8Array) view = source;
  else if (source instanceof ArrayBuffer) view = new Uint8Array(source);
  else return false;
  if (view.byteLength !== PRECOMPILED_WASM_MARKER.byteLength) return false;
  return view.every((byte, index) => byte === PRECOMPILED_WASM_MARKER[index]);
}

type Instantiate = typeof WebAssembly.instantiate;

let installed: WebAssembly.Module | undefined;
let lastMemory: WebAssembly.Memory | undefined;

function findMemory(imports: WebAssembly.Imports | undefined, instance: WebAssembly.Instance): WebAssembly.Memory | undefined {
  for (const value of Object.values(instance.exports)) if (value instanceof WebAssembly.Memory) return value;
  for (const namespace of Object.values(imports ?? {})) {
    for (const value of Object.values(namespace)) if (value instanceof WebAssembly.Memory) return value;
  }
  return undefined;
}

/** Installs the wrapper once per isolate; later calls with the same module are no-ops. */
export function answerMarkerWithPrecompiledModule(module: WebAssembly.Module): void {
  if (installed !== undefined) {
    if (installed !== module) throw new Error("a different precompiled module is already installed");
    return;
  }
  installed = module;
  const original: Instantiate = WebAssembly.instantiate.bind(WebAssembly);
  const wrapped = async (source: unknown, imports?: WebAssembly.Imports): Promise<unknown> => {
    if (!isMarker(source)) return (original as (s: unknown, i?: WebAssembly.Imports) => Promise<unknown>)(source, imports);
    const instance = await original(module, imports);
    lastMemory = findMemory(imports, instance);
    return { instance, module };
  };
  WebAssembly.instantiate = wrapped as Instantiate;
}

/** Bytes of the onnxruntime-web linear memory, once it has started (undefined before). */
export function ortWasmMemoryBytes(): number | undefined {
  return lastMemory?.buffer.byteLength;
}
