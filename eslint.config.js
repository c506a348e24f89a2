// ESLint: typescript-eslint's strict rules over the TypeScript sources; formatting is Prettier's (.prettierrc.json).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const nodeGlobals = Object.fromEntries(
  ["console", "process", "performance", "URL", "Buffer", "setTimeout", "clearTimeout", "TextEncoder", "TextDecoder"].map((name) => [
    name,
    "readonly",
  ]),
);

export default tseslint.config(
  { ignores: ["node_modules/", "wasm/", "registry/", "training/runs/", ".wrangler/", "dist/", "reports/", "src/*/generated/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: nodeGlobals },
    rules: {
      // `_name` marks a binding kept for its position or to drop a key from a rest object.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Tests index fixtures they built themselves; under noUncheckedIndexedAccess `!` states that, a guard would only repeat it.
    files: ["**/*.test.ts", "test/**/*.ts", "bench/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
