/**
 * AJV standalone validators, generated at build time (workerd refuses code generation at request time): the one AJV
 * setup for every schema the worker validates with generated code (registered tool sets and response schemas,
 * scripts/build-registry.ts), so that its verdicts equal @cfworker/json-schema's (./validator.ts) on the same
 * schema and value (./differential.test.ts). The generated code calls ./ajv-runtime.ts for patterns, formats,
 * multipleOf, string length and equality, and `required` looks at own properties only (AJV's default accepts an
 * object without `toString` as having it). Build-time only: the worker imports the generated code, never this file.
 */
import { Ajv, _, Name, str, type AnySchema, type KeywordCxt, type Options } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import * as runtime from "./ajv-runtime.js";

/** The identifier the generated code calls ./ajv-runtime.ts by. */
export const RUNTIME = "__edgecallAjvRuntime";

/** AJV's own runtime helpers the generated code may ask for, and their stand-ins in ./ajv-runtime.ts. */
const AJV_HELPERS: Record<string, keyof typeof runtime> = {
  'require("ajv/dist/runtime/ucs2length").default': "ucs2length",
  'require("ajv/dist/runtime/equal").default': "equal",
};

export function standaloneAjv(esm = true): Ajv {
  const regExp = Object.assign((source: string) => runtime.linearRegExp(source), { code: `${RUNTIME}.linearRegExp` });
  const options: Options = {
    strict: false,
    allowUnionTypes: true,
    unicodeRegExp: false,
    logger: false,
    ownProperties: true,
    formats: runtime.formats,
    code: { source: true, esm, optimize: true, regExp, formats: _`${new Name(RUNTIME)}.formats` },
  };
  const ajv = new Ajv(options);
  ajv.removeKeyword("multipleOf");
  ajv.addKeyword({
    keyword: "multipleOf",
    type: "number",
    schemaType: "number",
    error: { message: ({ schemaCode }) => str`must be multiple of ${schemaCode}`, params: ({ schemaCode }) => _`{multipleOf: ${schemaCode}}` },
    code(cxt: KeywordCxt) {
      const isMultipleOf = cxt.gen.scopeValue("func", { ref: runtime.isMultipleOf, code: _`${new Name(RUNTIME)}.isMultipleOf` });
      cxt.fail(_`!${isMultipleOf}(${cxt.data}, ${cxt.schemaCode})`);
    },
  });
  return ajv;
}

/**
 * The standalone code of the schemas added to `ajv` (refs: export name -> schema key), or of one compiled
 * validator, calling the runtime as `RUNTIME`; throws where the code would need anything else at request time.
 */
export function standaloneSource(ajv: Ajv, refs: Record<string, string> | ReturnType<Ajv["compile"]>): string {
  let code = standaloneCode(ajv, refs as never);
  for (const [helper, name] of Object.entries(AJV_HELPERS)) code = code.split(helper).join(`${RUNTIME}.${name}`);
  const needed = /\brequire\([^)]*\)/.exec(code);
  if (needed !== null) throw new Error(`the generated validator needs ${needed[0]} at request time; simplify the schema`);
  // AJV writes const and enum values as object literals, where a "__proto__" key sets the prototype instead of
  // making a property: such a value would never equal the one in the schema.
  if (code.includes('"__proto__":')) throw new Error('a const or enum value has a "__proto__" key, which AJV\'s generated code cannot express');
  return code;
}

/** An ES module of the validators (standaloneAjv(true)): `runtimeSpecifier` is ./ajv-runtime.ts as the module imports it. */
export function standaloneModule(ajv: Ajv, refs: Record<string, string>, runtimeSpecifier: string): string {
  const code = standaloneSource(ajv, refs);
  return code.includes(RUNTIME) ? `import * as ${RUNTIME} from ${JSON.stringify(runtimeSpecifier)};\n${code}` : code;
}

/** One schema's validator evaluated here from its standalone code (tests: the code the worker would run). */
let testing: Ajv | undefined;

export function loadStandalone(schema: AnySchema): ((value: unknown) => boolean) & { errors?: unknown[] | null } {
  // One instance for all (creating one compiles AJV's meta-schemas); schemas without $id do not collide.
  const ajv = (testing ??= standaloneAjv(false));
  const source = standaloneSource(ajv, ajv.compile(schema));
  const module: { exports: Record<string, unknown> } = { exports: {} };
  // AJV's generated code evaluated in Node tests, as the bundle would load it.
  new Function("module", "exports", RUNTIME, source)(module, module.exports, runtime);
  return module.exports as never;
}
