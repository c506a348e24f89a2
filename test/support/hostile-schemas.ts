/** Hostile tool schemas shared by the bounds tests and the API's hostile-request tests. */

/** depth levels of definitions, each property of a level a $ref to the next: width^depth leaves when expanded. */
export function fanout(depth: number, width: number, required = false): unknown {
  const $defs: Record<string, unknown> = {};
  for (let i = 0; i < depth; i++) {
    const properties: Record<string, unknown> = {};
    for (let k = 0; k < width; k++) properties[`p${k}`] = { $ref: `#/$defs/d${i + 1}` };
    $defs[`d${i}`] = { type: "object", properties };
  }
  $defs[`d${depth}`] = { type: "string" };
  return { type: "object", properties: { root: { $ref: "#/$defs/d0" } }, ...(required ? { required: ["root"] } : {}), $defs };
}
