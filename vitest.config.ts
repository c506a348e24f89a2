/**
 * Three test levels (see README "Tests"):
 * - unit: colocated src/**\/*.test.ts and test/unit, in Node;
 * - workers: test/workers inside workerd through @cloudflare/vitest-pool-workers (note: that pool allows eval, so it
 *   cannot catch code generation at request time; the e2e level does);
 * - e2e: test/e2e against a real `wrangler dev` started by the tests, driven by the official openai client.
 */
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/** The monitoring log's one line per request (src/telemetry/log.ts) is left out of test output; tests that read it capture it. */
const requestLogLine = (log: string): boolean => log.startsWith('{"level":"info","msg":"request"');

export default defineConfig({
  test: {
    onConsoleLog: (log) => !requestLogLine(log),
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/unit/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            miniflare: {
              compatibilityDate: "2026-04-26",
              modulesRules: [
                { type: "Data", include: ["**/*.onnx"] },
                { type: "CompiledWasm", include: ["**/*.wasm"] },
              ],
              kvNamespaces: ["MEMORY"],
              bindings: { MAX_BODY_BYTES: "4096", CORS_ORIGINS: "https://shop.example" },
            },
          }),
        ],
        test: { name: "workers", include: ["test/workers/**/*.test.ts"] },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/e2e/start-worker.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
