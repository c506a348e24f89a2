/** What the e2e worker is configured with (see start-worker.ts). */
export const E2E_API_KEY = "sk-edgecall-e2e-test-key";
export const E2E_MAX_BODY_BYTES = 65536;
