/**
 * Errors of tool-set compilation. The API maps every ToolSetError to a 400 in OpenAI's error shape, with `param`
 * pointing into the request and `code` saying which kind it is.
 */
export class ToolSetError extends Error {
  override readonly name: string = "ToolSetError";
  constructor(
    message: string,
    /** Where in the request: `tools[0].function.parameters.properties.when.$ref`. */
    readonly param: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** A schema keyword (or keyword value) that neither the edge model nor any validator here can honour. */
export class UnsupportedSchemaError extends ToolSetError {
  override readonly name = "UnsupportedSchemaError";
  constructor(
    readonly keyword: string,
    param: string,
    detail: string,
  ) {
    super(`Unsupported JSON Schema keyword '${keyword}' at ${param}: ${detail}`, param, "unsupported_schema_keyword");
  }
}

/** The tool list itself is unusable: duplicate names, a tool_choice naming a function that is not in `tools`. */
export class InvalidToolsError extends ToolSetError {
  override readonly name = "InvalidToolsError";
}
