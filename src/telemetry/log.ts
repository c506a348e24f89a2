/**
 * The structured log: one JSON line per request with the event's fields (level `info`, `error` for 5xx). The event
 * holds no message text, argument values or keys, so neither does the line; errors appear by name and code only.
 */
import type { RequestEvent } from "./event.js";

export type LogWriter = (line: string, level: "info" | "error") => void;

export const consoleLog: LogWriter = (line, level) => {
  if (level === "error") console.error(line);
  else console.log(line);
};

export function logLine(event: RequestEvent): { line: string; level: "info" | "error" } {
  const level = event.status >= 500 ? "error" : "info";
  return { line: JSON.stringify({ level, msg: "request", ...event }), level };
}
