/**
 * Chinese dates to RFC 3339 dates ("2026-12-08"): "2026年12月8日" / "二〇二六年十二月八号" / "2026/12/8" read alone;
 * relative ones ("今天", "明天", "后天", "大后天", "昨天", "下周一", "这周五", "周三", "12月8日", "8号", "下个月5号")
 * only against a reference day, because without one the value must be generated, not copied (decode/dates.ts).
 */
import { normaliseZh } from "./cjk.js";
import { parseZhNumber } from "./numerals.js";

const RELATIVE_DAYS: Readonly<Record<string, number>> = {
  前天: -2,
  昨天: -1,
  昨日: -1,
  今天: 0,
  今日: 0,
  明天: 1,
  明日: 1,
  后天: 2,
  後天: 2,
  大后天: 3,
};
/** Day of the week, Monday first (0). */
const WEEKDAYS: Readonly<Record<string, number>> = {
  一: 0,
  二: 1,
  三: 2,
  四: 3,
  五: 4,
  六: 5,
  日: 6,
  天: 6,
  "1": 0,
  "2": 1,
  "3": 2,
  "4": 3,
  "5": 4,
  "6": 5,
  "7": 6,
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function iso(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 100 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function parseDay(reference: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(reference);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

function addDays(day: Date, n: number): string {
  const d = new Date(day.getTime() + n * 86_400_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function part(text: string | undefined): number | null {
  return text === undefined ? null : parseZhNumber(text);
}

/** `today`: the reference day ("2026-12-07") for relative dates; without it only dates with a year are read. */
export function parseZhDate(raw: string, today?: string): string | null {
  const text = normaliseZh(raw).replace(/\s+/g, "");
  let m = /^(\d{4}|[零〇一二三四五六七八九]{4})[年/.-](.{1,3}?)[月/.-](.{1,3}?)[日号號]?$/u.exec(text);
  if (m) {
    const y = part(m[1]);
    const mo = part(m[2]);
    const d = part(m[3]);
    return y === null || mo === null || d === null ? null : iso(y, mo, d);
  }
  const day = today === undefined ? null : parseDay(today);
  if (day === null) return null;
  const offset = RELATIVE_DAYS[text];
  if (offset !== undefined) return addDays(day, offset);
  const weekday = (day.getUTCDay() + 6) % 7;
  m = /^(上|下下|下|这|這|本)?(?:个|個)?(?:周|週|星期|礼拜|禮拜)([一二三四五六日天1-7])$/u.exec(text);
  if (m) {
    const week = m[1] === "上" ? -1 : m[1] === "下" ? 1 : m[1] === "下下" ? 2 : 0;
    return addDays(day, week * 7 + (WEEKDAYS[m[2] as string] as number) - weekday);
  }
  const y = day.getUTCFullYear();
  const mo = day.getUTCMonth() + 1;
  m = /^([^下本这個个]{1,3}?)月(.{1,3}?)[日号號]$/u.exec(text);
  if (m) {
    const month = part(m[1]);
    const date = part(m[2]);
    if (month === null || date === null) return null;
    // A month and day without a year: the next such day from today on (an order, a delivery, a booking).
    const thisYear = iso(y, month, date);
    return thisYear !== null && thisYear < addDays(day, 0) ? iso(y + 1, month, date) : thisYear;
  }
  m = /^(下(?:个|個)?月|本月|这个月)?([^月]{1,3}?)[日号號]$/u.exec(text);
  if (m) {
    const date = part(m[2]);
    if (date === null) return null;
    const next = m[1]?.startsWith("下") === true;
    const month = next ? mo + 1 : mo;
    const candidate = iso(month > 12 ? y + 1 : y, ((month - 1) % 12) + 1, date);
    if (next || m[1] !== undefined || candidate === null || candidate >= addDays(day, 0)) return candidate;
    return iso(mo === 12 ? y + 1 : y, (mo % 12) + 1, date);
  }
  return null;
}
