/** Booleans as people write them. Returns null when the text is not clearly one. */
const TRUE = new Set(["true", "yes", "y", "on", "1", "enable", "enabled", "t", "yep", "sure", "ok", "okay"]);
const FALSE = new Set(["false", "no", "n", "off", "0", "disable", "disabled", "f", "nope"]);

export function parseBoolean(raw: string): boolean | null {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/^["'(]+|["').,;:!?]+$/g, "");
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return null;
}
