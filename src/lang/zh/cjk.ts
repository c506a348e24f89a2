/** Chinese script in text: ideographs, CJK punctuation and the full-width forms ("，", "￥", "１２"). */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/** Whether the text holds a Chinese character or a full-width form, so that the Chinese readings apply. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * The text with full-width forms made ASCII ("１２：３０" -> "12:30", "￥" -> "¥") and without the spaces around
 * it: what every parser of this folder reads.
 */
export function normaliseZh(text: string): string {
  return text.normalize("NFKC").trim();
}
