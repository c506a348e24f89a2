/**
 * Where a value ends in Chinese text: there are no spaces, so a span the model points at may take the particle,
 * preposition or label next to the value ("A-1042的", "把A-1042", "订单A-1042", "北京的", "五件了"). The value is the
 * text without them. A one-character preposition or label is cut only where the script changes after it ("把A-1042"),
 * since inside Chinese words it is part of the word ("把手", "对讲机", "和平路", "按摩椅").
 */

const HAN = String.raw`\p{Script=Han}`;
/** Request words that open a span but never a value. */
const LEADING_WORDS = /^(?:帮我|帮忙|麻烦你|麻烦|我要|我想|给我)+/u;
/**
 * Prepositions, the disposal 把, verbs and measure words, and labels of identifiers, before a value in another script
 * ("把A-1042", "订单A-1042", "查下B7731", "3个SKU-8812" read from its measure word on).
 */
const LEADING_BEFORE_OTHER_SCRIPT = new RegExp(
  String.raw`^(?:请|把|将|给|在|从|到|跟|和|与|对|向|用|按|是|为|往|查|下|个|個|件|号|號|单|買|买|加|退|要|了|订单号|订单|单号|运单号|快递单号|物流单号|编号|号码|尾号|优惠码|券码|邮编)+(?=[^${HAN}\s，。？！、；：])`,
  "u",
);
/** Particles that close a span but never a value (的, 了, 吗…); 个 only after another script ("3个", not "这个"). */
const TRAILING = new RegExp(String.raw`(?:的|了|吗|嗎|呢|吧|啊|呀|哦|啦|嘛|(?<=[^${HAN}\s])[个個])+$`, "u");
const EDGE_PUNCTUATION = /^[\s，。？！、；：,.?!;:“”"'‘’「」『』（）()《》]+|[\s，。？！、；：,.?!;:“”"'‘’「」『』（）()《》]+$/gu;

/**
 * The text without particles, prepositions, labels and punctuation at its ends ("把订单A-1042的" -> "A-1042"); the
 * text as it was when trimming would leave nothing ("的" stays "的").
 */
export function trimZhParticles(text: string): string {
  let out = text.replace(EDGE_PUNCTUATION, "");
  for (let i = 0; i < 4; i++) {
    const next = out.replace(LEADING_WORDS, "").replace(LEADING_BEFORE_OTHER_SCRIPT, "").replace(TRAILING, "").replace(EDGE_PUNCTUATION, "");
    if (next === out || next === "") break;
    out = next;
  }
  return out === "" ? text.trim() : out;
}
