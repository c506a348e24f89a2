/**
 * One origin client per origin URL and isolate, so its circuit breaker outlives the request. Settings come with
 * each request's env (Workers pass env per request), so the client is looked up, not built once at start.
 */
import { CircuitBreaker } from "./breaker.js";
import { createOriginClient, type OriginClient, type OriginClientOptions } from "./client.js";
import { readOriginSettings, type OriginEnv } from "./settings.js";

export type OriginLookup = (env: OriginEnv | undefined) => OriginClient | undefined;

export function originRegistry(options: OriginClientOptions = {}): OriginLookup {
  const clients = new Map<string, OriginClient>();
  return (env) => {
    const settings = readOriginSettings(env);
    if (settings === undefined) return undefined;
    const key = JSON.stringify(settings);
    let client = clients.get(key);
    if (client === undefined) {
      const breaker = [...clients.values()].find((c) => c.settings.baseUrl === settings.baseUrl)?.breaker ?? options.breaker ?? new CircuitBreaker();
      client = createOriginClient(settings, { ...options, breaker });
      clients.set(key, client);
    }
    return client;
  };
}
