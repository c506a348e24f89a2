/** A JSON object: not null, not an array (schemas, readings and answers are walked as such). */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
