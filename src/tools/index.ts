export { compileToolSet, foldNullable, type CompileSettings } from "./compile.js";
export { ToolSetError, UnsupportedSchemaError, InvalidToolsError } from "./errors.js";
export { LruCache } from "./cache.js";
export { sha256Hex } from "./hash.js";
export type * from "./types.js";
