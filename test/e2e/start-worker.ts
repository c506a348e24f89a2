/**
 * Global setup of the e2e project: one real `wrangler dev` (workerd) serving src/index.ts with API keys and a small
 * body limit configured, shared by the e2e files and stopped at the end.
 */
import type { TestProject } from "vitest/node";
import { startWranglerDev } from "../support/wrangler-dev.js";
import { E2E_API_KEY, E2E_MAX_BODY_BYTES } from "./settings.js";

declare module "vitest" {
  export interface ProvidedContext {
    edgecallBaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dev = await startWranglerDev({
    vars: { EDGECALL_API_KEYS: `sk-other-key,${E2E_API_KEY}`, MAX_BODY_BYTES: String(E2E_MAX_BODY_BYTES) },
  });
  project.provide("edgecallBaseUrl", dev.baseUrl);
  return () => dev.stop();
}
