/** JSON pointers of local `$ref`s (`#/$defs/a%20b/properties/x~1y`), read without throwing and own properties only. */
export type PointerResult = { found: true; value: unknown } | { found: false; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The tokens of a URI-fragment JSON pointer (without the leading `#`), or the reason it is malformed. */
export function pointerTokens(pointer: string): string[] | string {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return "a JSON pointer must start with '/'";
  const tokens: string[] = [];
  for (const raw of pointer.split("/").slice(1)) {
    let token: string;
    try {
      token = decodeURIComponent(raw);
    } catch {
      return `bad percent-escape in ${JSON.stringify(raw.slice(0, 40))}`;
    }
    tokens.push(token.replace(/~1/g, "/").replace(/~0/g, "~"));
  }
  return tokens;
}

/** Follows a pointer through own properties and array indices only (`__proto__` is an ordinary key here). */
export function pointerGet(root: unknown, pointer: string): PointerResult {
  const tokens = pointerTokens(pointer);
  if (typeof tokens === "string") return { found: false, reason: tokens };
  let node: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(token) && Number(token) < node.length) node = node[Number(token)];
    else if (isRecord(node) && Object.hasOwn(node, token)) node = node[token];
    else return { found: false, reason: "it points at nothing" };
  }
  return { found: true, value: node };
}
