import { describe, expect, it } from "vitest";
import { parseScrape } from "../../test/support/prometheus.js";
import { OTHER, Registry } from "./registry.js";

describe("Prometheus registry", () => {
  it("renders counters, gauges and histograms that a text-format parser reads back", () => {
    const registry = new Registry({ isolate: "abc123" });
    const requests = registry.counter({ name: "x_requests_total", help: "Requests.", labelNames: ["status"] });
    const memory = registry.gauge({ name: "x_memory_bytes", help: "Memory." });
    const latency = registry.histogram({ name: "x_duration_seconds", help: "Latency.", labelNames: ["endpoint"], buckets: [0.01, 0.1, 1] });
    requests.inc({ status: "200" });
    requests.inc({ status: "200" });
    requests.inc({ status: "400" }, 3);
    memory.set(1024);
    for (const seconds of [0.005, 0.05, 0.5, 5]) latency.observe(seconds, { endpoint: "/v1/chat/completions" });

    const scrape = parseScrape(registry.render());
    expect(scrape.family("x_requests_total").type).toBe("COUNTER");
    expect(scrape.total("x_requests_total", { status: "200" })).toBe(2);
    expect(scrape.total("x_requests_total", { status: "400", isolate: "abc123" })).toBe(3);
    expect(scrape.total("x_memory_bytes")).toBe(1024);
    expect(scrape.family("x_duration_seconds").type).toBe("HISTOGRAM");
    const buckets = scrape.samples("x_duration_seconds_bucket");
    expect(buckets.map((b) => [b.labels?.le, b.value])).toEqual([
      ["0.01", "1"],
      ["0.1", "2"],
      ["1", "3"],
      ["+Inf", "4"],
    ]);
    expect(buckets[0]?.labels).toEqual({ isolate: "abc123", endpoint: "/v1/chat/completions", le: "0.01" });
    expect(scrape.total("x_duration_seconds_count", { endpoint: "/v1/chat/completions" })).toBe(4);
    expect(scrape.total("x_duration_seconds_sum")).toBeCloseTo(5.555, 9);
  });

  it("escapes label values and help text", () => {
    const registry = new Registry();
    registry.counter({ name: "x_total", help: "A back\\slash and a\nnewline.", labelNames: ["tool"] }).inc({ tool: 'say "hi"\\\n' });
    const text = registry.render();
    expect(text).toContain('x_total{tool="say \\"hi\\"\\\\\\n"} 1');
    expect(parseScrape(text).family("x_total").metrics[0]?.labels).toEqual({ tool: 'say "hi"\\\n' });
  });

  it("folds client-named label values past the series limit into _other", () => {
    const registry = new Registry();
    const calls = registry.counter({ name: "x_tool_calls_total", help: "Calls.", labelNames: ["tool"], maxSeries: 3 });
    for (const tool of ["a", "b", "c", "d", "e", "a"]) calls.inc({ tool });
    const scrape = parseScrape(registry.render());
    expect(scrape.family("x_tool_calls_total").metrics.map((m) => m.labels?.tool)).toEqual(["a", "b", "c", OTHER]);
    expect(scrape.total("x_tool_calls_total", { tool: "a" })).toBe(2);
    expect(scrape.total("x_tool_calls_total", { tool: OTHER })).toBe(2);
  });

  it("refuses names Prometheus would not accept, a falling counter and a metric registered twice", () => {
    const registry = new Registry();
    expect(() => registry.counter({ name: "bad-name", help: "" })).toThrow(/invalid metric name/);
    expect(() => registry.counter({ name: "ok_total", help: "", labelNames: ["le"] })).toThrow(/invalid label name/);
    expect(() => registry.histogram({ name: "h", help: "", buckets: [] })).toThrow(/buckets/);
    const counter = registry.counter({ name: "ok_total", help: "" });
    expect(() => counter.inc(undefined, -1)).toThrow(/only goes up/);
    expect(() => registry.counter({ name: "ok_total", help: "" })).toThrow(/twice/);
  });

  it("renders +Inf, NaN and unlabelled families with their HELP and TYPE lines", () => {
    const registry = new Registry();
    registry.gauge({ name: "x_inf", help: "Inf." }).set(Infinity);
    registry.gauge({ name: "x_nan", help: "NaN." }).set(Number.NaN);
    registry.counter({ name: "x_empty_total", help: "Nothing yet.", labelNames: ["tool"] });
    const text = registry.render();
    expect(text).toBe(
      [
        "# HELP x_inf Inf.",
        "# TYPE x_inf gauge",
        "x_inf +Inf",
        "# HELP x_nan NaN.",
        "# TYPE x_nan gauge",
        "x_nan NaN",
        "# HELP x_empty_total Nothing yet.",
        "# TYPE x_empty_total counter",
        "",
      ].join("\n"),
    );
  });
});
