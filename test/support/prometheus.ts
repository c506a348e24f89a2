/**
 * Reads a /metrics scrape with a Prometheus text-format parser from npm (parse-prometheus-text-format), not with our
 * renderer's own logic. The parser throws on any line that is not valid text format. It keeps the labels of counters
 * and gauges, but folds a histogram's series into one unlabelled entry, so the histogram samples (`_bucket`, `_sum`,
 * `_count`) are also read from a second pass without the `# TYPE … histogram` lines, where each is a plain series.
 */
import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from "parse-prometheus-text-format";

export interface Scrape {
  families: Map<string, PrometheusFamily>;
  family(name: string): PrometheusFamily;
  /** Every sample of a series name (`x_total`, `x_seconds_count`, `x_seconds_bucket`), with its labels. */
  samples(name: string): PrometheusSample[];
  /** Sum of the samples of a series name, optionally only those whose labels include `where`. */
  total(name: string, where?: Record<string, string>): number;
}

export function parseScrape(text: string): Scrape {
  const families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
  const untyped = text
    .split("\n")
    .filter((line) => !/^# TYPE \S+ histogram$/.test(line))
    .join("\n");
  const series = new Map<string, PrometheusSample[]>();
  for (const family of parsePrometheusTextFormat(untyped)) series.set(family.name, [...(series.get(family.name) ?? []), ...family.metrics]);
  const family = (name: string): PrometheusFamily => {
    const found = families.get(name);
    if (found === undefined) throw new Error(`no family ${name} in the scrape`);
    return found;
  };
  const samples = (name: string): PrometheusSample[] => series.get(name) ?? [];
  const matches = (labels: Record<string, string> | undefined, where: Record<string, string>): boolean =>
    Object.entries(where).every(([key, value]) => labels?.[key] === value);
  return {
    families,
    family,
    samples,
    total: (name, where = {}) =>
      samples(name)
        .filter((m) => matches(m.labels, where))
        .reduce((sum, m) => sum + Number(m.value), 0),
  };
}
