/**
 * Nesting depth of a parsed JSON value, computed without recursion. Validators and the tool-set compiler walk
 * schemas recursively, so a request nested thousands of levels deep is refused before they see it.
 */
export const MAX_JSON_DEPTH = 64;

export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() ?? [null, 0];
    if (typeof current !== "object" || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}
