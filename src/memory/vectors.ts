/** Memory vectors: float32 arrays stored as base64 text in records, compared by cosine similarity. */

export function encodeVector(vector: Float32Array): string {
  const bytes = new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The vector back, or undefined when the text is not a whole float32 array in base64. */
export function decodeVector(text: string): Float32Array | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  if (binary.length % 4 !== 0) return undefined;
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const vector = new Float32Array(bytes.buffer);
  return vector.every(Number.isFinite) ? vector : undefined;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** The mean of several vectors of one length (a turn's vector from its messages' vectors). */
export function meanVector(vectors: readonly Float32Array[]): Float32Array | undefined {
  const first = vectors[0];
  if (first === undefined) return undefined;
  const out = new Float32Array(first.length);
  for (const vector of vectors) for (let i = 0; i < out.length; i += 1) out[i] = (out[i] ?? 0) + (vector[i] ?? 0) / vectors.length;
  return out;
}
