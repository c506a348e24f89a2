/**
 * Whether an argument value looks like what its parameter holds: an id-like parameter (`order_id`, `orderId`,
 * `sku`, `invoice_number`) holds one token with a digit in it, never a phrase ("previous instructions").
 */
const ID_NAME = /(^|[_\-.])(id|ids|uuid|guid|sku|number|no|num|code|ref|reference|key)$|[a-z](Id|ID|Number|No|Code|Ref|Key)$/;
const ID_VALUE = /^[\p{L}\p{N}][\p{L}\p{N}._:/#-]{0,63}$/u;

export function isIdParameter(path: string): boolean {
  const name = path.split(".").pop() ?? path;
  return ID_NAME.test(name);
}

export function looksLikeId(value: unknown): boolean {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0;
  return typeof value === "string" && ID_VALUE.test(value) && /\p{N}/u.test(value);
}

/** The string values of an arguments object with their dotted paths. */
export function stringValues(args: Record<string, unknown>, prefix = ""): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(args)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "string") out.push([path, value]);
    else if (Array.isArray(value)) {
      for (const item of value) if (typeof item === "string") out.push([path, item]);
    } else if (typeof value === "object" && value !== null) out.push(...stringValues(value as Record<string, unknown>, path));
  }
  return out;
}

/** All values (strings and numbers) with their paths, for the high-risk checks. */
export function leafValues(args: Record<string, unknown>, prefix = ""): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(args)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) out.push(...leafValues(value as Record<string, unknown>, path));
    else out.push([path, value]);
  }
  return out;
}
