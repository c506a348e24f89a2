/**
 * A small in-memory Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format 0.0.4. It runs in workerd without Node built-ins (prom-client needs `cluster`, `v8` and
 * `perf_hooks`, so it does not load in a Worker without nodejs_compat). One registry per isolate (or per origin
 * process): every series carries the registry's constant labels, so scrapes of different isolates stay apart.
 *
 * Label values that come from clients (tool names, tenants) are bounded: past `maxSeries` distinct label sets a
 * metric folds new ones into one series whose labels read `_other`.
 */

export type Labels = Readonly<Record<string, string>>;

export const OTHER = "_other";

interface FamilyOptions {
  name: string;
  help: string;
  labelNames?: readonly string[];
  /** Most distinct label sets kept; further ones fold into `_other` (default 200). */
  maxSeries?: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function escapeHelp(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function labelText(pairs: ReadonlyArray<readonly [string, string]>): string {
  if (pairs.length === 0) return "";
  return `{${pairs.map(([name, value]) => `${name}="${escapeLabel(value)}"`).join(",")}}`;
}

abstract class Family<S> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  private readonly maxSeries: number;
  protected readonly series = new Map<string, { values: string[]; state: S }>();

  constructor(options: FamilyOptions) {
    if (!NAME.test(options.name)) throw new Error(`invalid metric name ${options.name}`);
    for (const label of options.labelNames ?? []) if (!LABEL.test(label) || label === "le") throw new Error(`invalid label name ${label}`);
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labelNames ?? [];
    this.maxSeries = options.maxSeries ?? 200;
  }

  abstract readonly type: "counter" | "gauge" | "histogram";
  protected abstract fresh(): S;
  abstract lines(constant: ReadonlyArray<readonly [string, string]>): string[];

  /** The series for these labels (missing labels read ""), created on first use. */
  protected state(labels: Labels = {}): S {
    let values = this.labelNames.map((name) => labels[name] ?? "");
    let key = values.join("\u0000");
    let entry = this.series.get(key);
    if (entry === undefined && this.series.size >= this.maxSeries) {
      values = this.labelNames.map(() => OTHER);
      key = values.join("\u0000");
      entry = this.series.get(key);
    }
    if (entry === undefined) {
      entry = { values, state: this.fresh() };
      this.series.set(key, entry);
    }
    return entry.state;
  }

  protected pairs(constant: ReadonlyArray<readonly [string, string]>, values: readonly string[]): Array<readonly [string, string]> {
    return [...constant, ...this.labelNames.map((name, i) => [name, values[i] ?? ""] as const)];
  }
}

export class Counter extends Family<{ value: number }> {
  readonly type = "counter" as const;
  protected fresh(): { value: number } {
    return { value: 0 };
  }
  inc(labels?: Labels, by = 1): void {
    if (!(by >= 0)) throw new Error(`${this.name}: a counter only goes up`);
    this.state(labels).value += by;
  }
  /** Makes the series exist at 0, so it is scraped before its first event. */
  touch(labels?: Labels): void {
    this.state(labels);
  }
  lines(constant: ReadonlyArray<readonly [string, string]>): string[] {
    return [...this.series.values()].map(({ values, state }) => `${this.name}${labelText(this.pairs(constant, values))} ${formatValue(state.value)}`);
  }
}

export class Gauge extends Family<{ value: number }> {
  readonly type = "gauge" as const;
  protected fresh(): { value: number } {
    return { value: 0 };
  }
  set(value: number, labels?: Labels): void {
    this.state(labels).value = value;
  }
  lines(constant: ReadonlyArray<readonly [string, string]>): string[] {
    return [...this.series.values()].map(({ values, state }) => `${this.name}${labelText(this.pairs(constant, values))} ${formatValue(state.value)}`);
  }
}

interface HistogramState {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends Family<HistogramState> {
  readonly type = "histogram" as const;
  readonly buckets: readonly number[];

  constructor(options: FamilyOptions & { buckets: readonly number[] }) {
    super(options);
    const sorted = [...options.buckets].sort((a, b) => a - b);
    if (sorted.length === 0 || sorted.some((b, i) => !Number.isFinite(b) || (i > 0 && b === sorted[i - 1]))) {
      throw new Error(`${options.name}: buckets must be distinct finite numbers`);
    }
    this.buckets = sorted;
  }
  protected fresh(): HistogramState {
    return { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
  }
  observe(value: number, labels?: Labels): void {
    if (!Number.isFinite(value)) return;
    const state = this.state(labels);
    for (let i = 0; i < this.buckets.length; i++) if (value <= (this.buckets[i] ?? Infinity)) state.counts[i] = (state.counts[i] ?? 0) + 1;
    state.sum += value;
    state.count += 1;
  }
  touch(labels?: Labels): void {
    this.state(labels);
  }
  lines(constant: ReadonlyArray<readonly [string, string]>): string[] {
    const out: string[] = [];
    for (const { values, state } of this.series.values()) {
      const pairs = this.pairs(constant, values);
      this.buckets.forEach((bound, i) => out.push(`${this.name}_bucket${labelText([...pairs, ["le", formatValue(bound)]])} ${state.counts[i] ?? 0}`));
      out.push(`${this.name}_bucket${labelText([...pairs, ["le", "+Inf"]])} ${state.count}`);
      out.push(`${this.name}_sum${labelText(pairs)} ${formatValue(state.sum)}`);
      out.push(`${this.name}_count${labelText(pairs)} ${state.count}`);
    }
    return out;
  }
}

export type Metric = Counter | Gauge | Histogram;

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export class Registry {
  private readonly metrics: Metric[] = [];
  private readonly constant: Array<readonly [string, string]>;

  /** `constant`: labels on every series (e.g. `{source: "edge", isolate: "3f9a…"}`). */
  constructor(constant: Labels = {}) {
    for (const name of Object.keys(constant)) if (!LABEL.test(name)) throw new Error(`invalid label name ${name}`);
    this.constant = Object.entries(constant);
  }

  register<M extends Metric>(metric: M): M {
    if (this.metrics.some((m) => m.name === metric.name)) throw new Error(`metric ${metric.name} registered twice`);
    this.metrics.push(metric);
    return metric;
  }

  counter(options: FamilyOptions): Counter {
    return this.register(new Counter(options));
  }
  gauge(options: FamilyOptions): Gauge {
    return this.register(new Gauge(options));
  }
  histogram(options: FamilyOptions & { buckets: readonly number[] }): Histogram {
    return this.register(new Histogram(options));
  }

  /** Text exposition format 0.0.4: `# HELP`, `# TYPE`, then the samples of each family. */
  render(): string {
    const out: string[] = [];
    for (const metric of this.metrics) {
      out.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} ${metric.type}`, ...metric.lines(this.constant));
    }
    return `${out.join("\n")}\n`;
  }
}
