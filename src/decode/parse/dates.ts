/**
 * Dates and date-times in common written forms, normalised to RFC 3339 (`2026-11-28`, `2026-11-28T15:30:00Z`).
 * Only explicit dates are read: without a year (or for "tomorrow") the value must be generated, not copied.
 */
import { en } from "../../lang/en.js";

const MONTHS = en.MONTH_NUMBERS;
/** The suffix of a day written as an ordinal ("16th"). */
const ORDINAL_SUFFIX = new RegExp(String.raw`(\d)(${en.ORDINAL_SUFFIXES.join("|")})\b`, "gi");

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (y < 100 || d > days) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function month(name: string): number | undefined {
  return MONTHS[name.toLowerCase().slice(0, name.toLowerCase().startsWith("sept") ? 4 : 3)];
}

export function parseDate(raw: string): string | null {
  const text = raw
    .trim()
    .replace(/[.,;!?]+$/, "")
    .replace(/^the\s+/i, "")
    .replace(ORDINAL_SUFFIX, "$1")
    .replace(/\bof\s+/gi, "");
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    // Month first unless the first number cannot be a month; a dot separator means day first.
    const dayFirst = a > 12 || text.includes(".");
    if (!dayFirst && b > 12) return validDate(y, a, b);
    if (!dayFirst && a <= 12 && b <= 12 && a !== b) return null;
    return dayFirst ? validDate(y, b, a) : validDate(y, a, b);
  }
  m = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(text);
  if (m) {
    const mo = month(m[1] as string);
    return mo ? validDate(Number(m[3]), mo, Number(m[2])) : null;
  }
  m = /^(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(text);
  if (m) {
    const mo = month(m[2] as string);
    return mo ? validDate(Number(m[3]), mo, Number(m[1])) : null;
  }
  return null;
}

/** An RFC 3339 date ("2023-03-08") in a layout such as "DD/MM/YYYY" ("08/03/2023"). */
export function formatDate(iso: string, layout: string): string {
  const [y, m, d] = iso.split("-");
  return layout
    .replace("YYYY", y ?? "")
    .replace("MM", m ?? "")
    .replace("DD", d ?? "");
}

export function parseDateTime(raw: string): string | null {
  const text = raw.trim().replace(/[.,;!?]+$/, "");
  const m = /^(.+?)[T\s]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})$/i.exec(text);
  if (!m) return null;
  const date = parseDate(m[1] as string);
  const h = Number(m[2]);
  const min = Number(m[3]);
  const s = Number(m[4] ?? 0);
  if (!date || h > 23 || min > 59 || s > 59) return null;
  const zoneRaw = (m[6] as string).toUpperCase();
  const zone =
    zoneRaw === "Z" || zoneRaw === "UTC" || zoneRaw === "GMT" ? "Z" : zoneRaw.includes(":") ? zoneRaw : `${zoneRaw.slice(0, 3)}:${zoneRaw.slice(3)}`;
  return `${date}T${pad(h)}:${pad(min)}:${pad(s)}${m[5] ?? ""}${zone}`;
}
