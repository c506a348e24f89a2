/** The origin client against a real fault-injecting upstream on loopback: each fault's documented outcome. */
import { afterEach, describe, expect, it } from "vitest";
import { closedOriginUrl, startFaultOrigin, type FaultAnswer, type FaultOrigin } from "../../test/support/fault-origin.js";
import { CircuitBreaker } from "./breaker.js";
import { createOriginClient, type OriginClientOptions, type OriginEvent } from "./client.js";
import { Deadline } from "./deadline.js";
import { OriginError } from "./errors.js";
import { readOriginSettings } from "./settings.js";
import type { OriginRequest } from "./wire.js";

const request: OriginRequest = {
  messages: [{ role: "user", content: "hello" }],
  tools: [],
  tool_choice: "none",
  parallel_tool_calls: true,
  model: "edgecall",
};

let upstream: FaultOrigin | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function clientFor(script: (index: number) => FaultAnswer, env: Record<string, string> = {}, options: OriginClientOptions = {}) {
  upstream = await startFaultOrigin((_, index) => script(index));
  const settings = readOriginSettings({ ORIGIN_URL: upstream.url, ORIGIN_TIMEOUT_MS: "1500", ORIGIN_TTFB_MS: "400", ...env });
  if (settings === undefined) throw new Error("no settings");
  return { client: createOriginClient(settings, { random: () => 0, ...options }), upstream };
}

async function failure(promise: Promise<unknown>): Promise<OriginError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OriginError)) throw new Error(`expected an OriginError, got ${String(error)}`);
  return error;
}

async function drain(events: AsyncGenerator<OriginEvent, void, void>): Promise<OriginEvent[]> {
  const out: OriginEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const withDeadline = async <T>(ms: number, run: (deadline: Deadline) => Promise<T>): Promise<T> => {
  const deadline = new Deadline(ms);
  try {
    return await run(deadline);
  } finally {
    deadline.dispose();
  }
};

describe("origin client: answers", () => {
  it("sends an OpenAI request with the configured model and key, and reads the completion", async () => {
    const { client, upstream } = await clientFor(() => ({ kind: "text", text: "Hi there" }), {
      ORIGIN_MODEL: "big-model",
      ORIGIN_API_KEY: "sk-origin",
    });
    const completion = await withDeadline(1500, (d) => client.complete({ ...request, extra: { temperature: 0.2 } }, d));
    expect(completion).toMatchObject({ content: "Hi there", tool_calls: [], model: "fault-model", usage: { total_tokens: 18 } });
    expect(upstream.requests[0]?.body).toMatchObject({
      model: "big-model",
      stream: false,
      temperature: 0.2,
      messages: [{ role: "user", content: "hello" }],
    });
    expect(upstream.requests[0]?.body.tools).toBeUndefined();
    expect(upstream.requests[0]?.authorization).toBe("Bearer sk-origin");
  });

  it("streams content as it comes, then the whole completion with its tool calls", async () => {
    const { client } = await clientFor(() => ({ kind: "text", text: "one two three" }));
    const events = await withDeadline(1500, (d) => drain(client.stream(request, d)));
    expect(events.filter((e) => e.type === "content").map((e) => (e.type === "content" ? e.text : ""))).toEqual(["one ", "two ", "three"]);
    expect(events.at(-1)).toMatchObject({ type: "done", completion: { content: "one two three" } });
    const calls = await clientFor(() => ({ kind: "call", name: "get_order", arguments: '{"id":"A-1"}' }));
    const done = (await withDeadline(1500, (d) => drain(calls.client.stream(request, d)))).at(-1);
    expect(done).toMatchObject({ type: "done", completion: { tool_calls: [{ name: "get_order", arguments: '{"id":"A-1"}' }] } });
  });
});

describe("origin client: faults", () => {
  it("retries a 500 once and succeeds", async () => {
    const { client, upstream } = await clientFor((i) => (i === 0 ? { kind: "status", status: 500 } : { kind: "text", text: "ok" }));
    expect((await withDeadline(1500, (d) => client.complete(request, d))).content).toBe("ok");
    expect(upstream.requests).toHaveLength(2);
  });

  it("gives up after one retry of a 500", async () => {
    const { client, upstream } = await clientFor(() => ({ kind: "status", status: 503 }));
    const error = await failure(withDeadline(1500, (d) => client.complete(request, d)));
    expect(error).toMatchObject({ kind: "status", status: 503, reason: "origin_status_503" });
    expect(upstream.requests).toHaveLength(2);
  });

  it("honours Retry-After on a 429", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number): Promise<void> => void waits.push(ms);
    const { client } = await clientFor(
      (i) => (i === 0 ? { kind: "status", status: 429, retryAfter: "1" } : { kind: "text", text: "ok" }),
      {},
      { sleep },
    );
    expect((await withDeadline(1500, (d) => client.complete(request, d))).content).toBe("ok");
    expect(waits).toEqual([1000]);
  });

  it("does not wait for a Retry-After longer than it allows", async () => {
    const { client, upstream } = await clientFor(() => ({ kind: "status", status: 429, retryAfter: "120" }));
    expect(await failure(withDeadline(1500, (d) => client.complete(request, d)))).toMatchObject({
      kind: "status",
      status: 429,
      retryAfterMs: 120_000,
    });
    expect(upstream.requests).toHaveLength(1);
  });

  it("does not retry a 400: the request is at fault, not the origin", async () => {
    const { client, upstream } = await clientFor(() => ({ kind: "status", status: 400 }));
    const error = await failure(withDeadline(1500, (d) => client.complete(request, d)));
    expect(error.countsAsFailure).toBe(false);
    expect(upstream.requests).toHaveLength(1);
  });

  it("times out an origin that sends no headers (time to first byte)", async () => {
    const { client } = await clientFor(() => ({ kind: "slow_headers" }), { ORIGIN_TTFB_MS: "200", ORIGIN_TIMEOUT_MS: "60000" });
    expect(await failure(withDeadline(60_000, (d) => client.complete(request, d)))).toMatchObject({ kind: "timeout" });
  });

  it("times out a body that stalls (total deadline), streaming or not", async () => {
    const { client } = await clientFor(() => ({ kind: "slow_body" }));
    expect(await failure(withDeadline(500, (d) => client.complete(request, d)))).toMatchObject({ kind: "timeout" });
    expect(await failure(withDeadline(500, (d) => drain(client.stream(request, d))))).toMatchObject({ kind: "timeout" });
  });

  it("a connection dropped mid-stream ends the stream with a connection failure after the content so far", async () => {
    const { client } = await clientFor(() => ({ kind: "drop_mid_stream" }));
    const seen: OriginEvent[] = [];
    const error = await failure(
      withDeadline(1500, async (d) => {
        for await (const event of client.stream(request, d)) seen.push(event);
      }),
    );
    expect(error.kind).toBe("connection");
    expect(seen).toEqual([{ type: "content", text: "Half an ans" }]);
  });

  it("a body dropped before it is whole is retried once (nothing was forwarded)", async () => {
    const { client, upstream } = await clientFor((i) => (i === 0 ? { kind: "drop_mid_stream" } : { kind: "text", text: "ok" }));
    expect((await withDeadline(1500, (d) => client.complete(request, d))).content).toBe("ok");
    expect(upstream.requests).toHaveLength(2);
  });

  it("garbage JSON is a bad response, not retried", async () => {
    const { client, upstream } = await clientFor(() => ({ kind: "garbage" }));
    expect(await failure(withDeadline(1500, (d) => client.complete(request, d)))).toMatchObject({ kind: "bad_response" });
    expect(await failure(withDeadline(1500, (d) => drain(client.stream(request, d))))).toMatchObject({ kind: "bad_response" });
    expect(upstream.requests).toHaveLength(2);
  });

  it("an SSE stream that ends before its answer is truncated", async () => {
    const { client } = await clientFor(() => ({ kind: "truncated" }));
    expect(await failure(withDeadline(1500, (d) => drain(client.stream(request, d))))).toMatchObject({ kind: "truncated" });
  });

  it("a huge body is cut off at the byte limit", async () => {
    const { client } = await clientFor(() => ({ kind: "huge", bytes: 1_000_000 }), { ORIGIN_MAX_RESPONSE_BYTES: "65536" });
    expect(await failure(withDeadline(1500, (d) => client.complete(request, d)))).toMatchObject({ kind: "too_large" });
    expect(await failure(withDeadline(1500, (d) => drain(client.stream(request, d))))).toMatchObject({ kind: "too_large" });
  });

  it("a reset connection and a closed port are connection failures, retried once", async () => {
    const { client, upstream } = await clientFor(() => ({ kind: "reset" }));
    expect(await failure(withDeadline(1500, (d) => client.complete(request, d)))).toMatchObject({ kind: "connection" });
    expect(upstream.requests).toHaveLength(2);
    const settings = readOriginSettings({ ORIGIN_URL: await closedOriginUrl() });
    if (settings === undefined) throw new Error("no settings");
    const closed = createOriginClient(settings, { random: () => 0 });
    expect(await failure(withDeadline(1500, (d) => closed.complete(request, d)))).toMatchObject({ kind: "connection", reason: "origin_connection" });
  });
});

describe("origin client: circuit breaker", () => {
  it("opens after repeated failures and fails over without a request", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 60_000 });
    const { client, upstream } = await clientFor(() => ({ kind: "status", status: 500 }), {}, { breaker });
    for (let i = 0; i < 2; i++) await failure(withDeadline(1500, (d) => client.complete(request, d)));
    expect(upstream.requests).toHaveLength(4);
    expect(await failure(withDeadline(1500, (d) => client.complete(request, d)))).toMatchObject({ kind: "circuit_open" });
    expect(await failure(withDeadline(1500, (d) => drain(client.stream(request, d))))).toMatchObject({ kind: "circuit_open" });
    expect(upstream.requests).toHaveLength(4);
  });

  it("a stream left unread releases its half-open probe", async () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 10, now: () => now });
    breaker.failure();
    now = 10;
    const { client } = await clientFor(() => ({ kind: "text", text: "a b" }), {}, { breaker });
    await withDeadline(1500, async (d) => {
      const events = client.stream(request, d);
      await events.next();
      await events.return();
    });
    expect(breaker.tryAcquire()).toBe(true);
  });
});
