/**
 * Chinese times of day to "HH:MM" (24-hour): "下午三点" (15:00), "三点半" (03:30), "晚上八点一刻" (20:15),
 * "上午10点20分", "中午十二点", "凌晨两点", "15:30", "下午3:30". An hour without 上午/下午 stays as written.
 */
import { normaliseZh } from "./cjk.js";
import { parseZhNumber } from "./numerals.js";

const AFTERNOON = /^(?:下午|晚上|傍晚|今晚|明晚|晚|夜里|夜晚)$/u;
const TIME = /^(凌晨|早上|早晨|清晨|上午|早|中午|下午|晚上|傍晚|今晚|明晚|晚|夜里|夜晚|半夜)?(?:(\d{1,2}):(\d{2})|(.{1,3}?)[点點时時](.*))$/u;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function minutesOf(text: string): number | null {
  const rest = text.replace(/[整钟鐘]$/u, "");
  if (rest === "") return 0;
  if (rest === "半") return 30;
  if (rest === "一刻") return 15;
  if (rest === "三刻") return 45;
  const m = /^(.+?)分?$/u.exec(rest);
  const n = m ? parseZhNumber((m[1] as string).replace(/^零/, "")) : null;
  return n !== null && Number.isInteger(n) ? n : null;
}

export function parseZhTime(raw: string): string | null {
  const text = normaliseZh(raw).replace(/\s+/g, "");
  const m = TIME.exec(text);
  if (!m) return null;
  const period = m[1];
  const hour = m[2] !== undefined ? Number(m[2]) : parseZhNumber(m[4] as string);
  const minute = m[3] !== undefined ? Number(m[3]) : minutesOf(m[5] as string);
  if (hour === null || minute === null || !Number.isInteger(hour) || hour > 24 || minute > 59) return null;
  let h = hour;
  if (period !== undefined && AFTERNOON.test(period) && h < 12) h += 12;
  else if (period === "中午" && h < 11) h += 12;
  else if ((period === "凌晨" || period === "半夜") && h === 12) h = 0;
  if (h === 24) h = 0;
  return `${pad(h)}:${pad(minute)}`;
}

/** "明天下午三点" -> the date part and the time part, split where the time of day starts; null when either fails. */
export function splitZhDateTime(raw: string): { date: string; time: string } | null {
  const text = normaliseZh(raw).replace(/\s+/g, "");
  const at = text.search(/凌晨|早上|早晨|清晨|上午|中午|下午|晚上|傍晚|半夜|[0-9零〇一二两三四五六七八九十]+(?:[点點时時:])/u);
  if (at <= 0) return null;
  return { date: text.slice(0, at), time: text.slice(at) };
}
