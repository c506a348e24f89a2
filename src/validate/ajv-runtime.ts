/**
 * What the AJV standalone validators built at build time (./standalone.ts) call at request time. They make the
 * leaf checks with @cfworker/json-schema's own functions (string length in code points, deep equality, exact
 * decimal multipleOf, its formats) and run `pattern` on RE2JS as ./validator.ts does, so the build-time validators
 * and the request-time one give one verdict (./differential.test.ts): AJV alone differs on each of these (JavaScript
 * RegExp semantics and backtracking, floating-point multipleOf, formats off or its own).
 */
import { deepCompareStrict, format, ucs2length } from "@cfworker/json-schema";
import { compileLinear, type LinearPattern } from "./patterns.js";

export { ucs2length };

/** AJV's `equal(a, b)`. */
export const equal: (a: unknown, b: unknown) => boolean = deepCompareStrict;

/** The formats @cfworker/json-schema checks (unknown formats pass in both validators). */
export const formats: Record<string, (value: string) => boolean> = format;

/** AJV's `code.regExp` engine: RE2JS, unanchored search; a pattern RE2 cannot run fails the build that compiles it. */
export function linearRegExp(source: string): LinearPattern & { toString(): string } {
  const compiled = compileLinear(source);
  if (typeof compiled === "string") throw new Error(`pattern ${JSON.stringify(source)} cannot run in linear time: ${compiled}`);
  return { test: (value) => compiled.test(value), toString: () => `/${source}/` };
}

/** A number as an integer coefficient and a power of ten (exact for every finite double's shortest decimal form). */
function decimalInteger(value: number): [bigint, number] {
  const [coefficient = "0", exponent = "0"] = Math.abs(value).toString().split("e");
  const point = coefficient.indexOf(".");
  const fractionLength = point === -1 ? 0 : coefficient.length - point - 1;
  return [BigInt(coefficient.replace(".", "")), Number(exponent) - fractionLength];
}

/** multipleOf in decimal arithmetic, as @cfworker/json-schema decides it (0.3 is a multiple of 0.1; AJV's division says no). */
export function isMultipleOf(value: number, divisor: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(divisor) || divisor <= 0) return false;
  const [valueCoefficient, valueExponent] = decimalInteger(value);
  const [divisorCoefficient, divisorExponent] = decimalInteger(divisor);
  const difference = valueExponent - divisorExponent;
  if (difference >= 0) return (valueCoefficient * 10n ** BigInt(difference)) % divisorCoefficient === 0n;
  return valueCoefficient % (divisorCoefficient * 10n ** BigInt(-difference)) === 0n;
}
