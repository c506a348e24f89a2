/**
 * An independent check of produced calls for the eval's `schema-valid calls` line: AJV (draft 2020-12 with
 * formats), a different validator from the one the caller guards with.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { ToolDefinition } from "../caller/types.js";

type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

export class IndependentValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
  private readonly cache = new WeakMap<object, ReturnType<Ajv2020["compile"]>>();

  constructor() {
    addFormats(this.ajv);
  }

  valid(tool: ToolDefinition | undefined, args: unknown): boolean {
    if (!tool) return false;
    const schema = tool.function.parameters ?? { type: "object" };
    let validate = this.cache.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.cache.set(schema, validate);
    }
    return validate(args) === true;
  }
}
