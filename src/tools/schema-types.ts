/** The subset of JSON Schema (draft 2020-12) that tool parameters use; unknown keywords are kept for validation. */
export type JSONSchemaTypeName = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";

export interface JSONSchema {
  type?: JSONSchemaTypeName | JSONSchemaTypeName[];
  description?: string;
  properties?: Record<string, JSONSchema>;
  required?: string[];
  additionalProperties?: boolean | JSONSchema;
  items?: JSONSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JSONSchema[];
  oneOf?: JSONSchema[];
  $ref?: string;
  $defs?: Record<string, JSONSchema>;
  definitions?: Record<string, JSONSchema>;
  default?: unknown;
  nullable?: boolean;
  [keyword: string]: unknown;
}
