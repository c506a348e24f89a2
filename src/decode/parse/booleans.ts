/** Booleans as people write them. Returns null when the text is not clearly one. */
import { en } from "../../lang/en.js";

const TRUE = new Set(en.BOOLEAN_TRUE);
const FALSE = new Set(en.BOOLEAN_FALSE);

export function parseBoolean(raw: string): boolean | null {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/^["'(]+|["').,;:!?]+$/g, "");
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return null;
}
