/**
 * A ModelRuntime that keeps every graph output on disk, keyed by the model's files and the exact feeds, so that a
 * second evaluation of the same cases with the same model (a decoding change under study) skips the forward passes.
 * Node only: the eval CLI's `--cache DIR`. The worker never uses it.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Feeds, GraphName, ModelRuntime, TensorData } from "./types.js";

/** SHA-256 over the model folder's config.json and ONNX graphs: a retrained or re-exported model gets new keys. */
export function modelFingerprint(modelDir: string): string {
  const hash = createHash("sha256");
  const graphs = readdirSync(join(modelDir, "onnx"))
    .filter((name) => name.endsWith(".onnx"))
    .sort();
  // The decoder's thresholds (config.json "decode") act after the graphs: changing them keeps the cached outputs.
  const { decode: _decode, ...config } = JSON.parse(readFileSync(join(modelDir, "config.json"), "utf8")) as Record<string, unknown>;
  hash.update("config.json");
  hash.update(JSON.stringify(config));
  for (const file of graphs.map((name) => join("onnx", name))) {
    hash.update(file);
    hash.update(readFileSync(join(modelDir, file)));
  }
  return hash.digest("hex");
}

export function createDiskCachedRuntime(inner: ModelRuntime, dir: string, fingerprint: string): ModelRuntime {
  mkdirSync(dir, { recursive: true });
  return {
    backend: inner.backend,
    async run(graph: GraphName, feeds: Feeds): Promise<Record<string, TensorData>> {
      const file = join(dir, `${feedsKey(fingerprint, graph, feeds)}.json`);
      const stored = readStored(file);
      if (stored) return stored;
      const outputs = await inner.run(graph, feeds);
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([name, t]) => [name, encode(t)]))));
      renameSync(temporary, file);
      return outputs;
    },
  };
}

function feedsKey(fingerprint: string, graph: GraphName, feeds: Feeds): string {
  const hash = createHash("sha256").update(fingerprint).update(graph);
  for (const name of Object.keys(feeds).sort()) {
    const tensor = feeds[name] as TensorData;
    hash.update(`${name}:${tensor.type}:${tensor.dims.join("x")}:`);
    hash.update(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
  }
  return hash.digest("hex");
}

interface StoredTensor {
  type: TensorData["type"];
  dims: number[];
  base64: string;
}

function encode(tensor: TensorData): StoredTensor {
  const bytes = Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  return { type: tensor.type, dims: [...tensor.dims], base64: bytes.toString("base64") };
}

function decode(stored: StoredTensor): TensorData {
  const bytes = Buffer.from(stored.base64, "base64");
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const data = stored.type === "float32" ? new Float32Array(copy) : new BigInt64Array(copy);
  return { type: stored.type, data, dims: stored.dims };
}

/** The outputs stored under this file, or null when there are none (a missing or unreadable file is a miss). */
function readStored(file: string): Record<string, TensorData> | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  try {
    const stored = JSON.parse(text) as Record<string, StoredTensor>;
    return Object.fromEntries(Object.entries(stored).map(([name, t]) => [name, decode(t)]));
  } catch {
    return null;
  }
}
