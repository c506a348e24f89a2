/**
 * Evidence that a request asks for a destructive action: the user's own words name the action (English or Chinese),
 * the request carries no prompt-injection markers, and it is not a bulk order ("cancel all orders").
 */

/** The action words of a tool name, by the verb the name starts with or contains. */
const ACTIONS: [RegExp, RegExp][] = [
  [
    /cancel|void|terminate|unsubscribe|deactivate|close/i,
    /\b(cancel\w*|call(?:ing)? off|void|terminat\w*|unsubscrib\w*|deactivat\w*|close)\b|取消|撤销|退订|注销|关闭/i,
  ],
  [
    /delete|remove|destroy|purge|drop|wipe|erase/i,
    /\b(delet\w*|remov\w*|destroy\w*|purg\w*|drop\w*|wip\w*|eras\w*|get rid of)\b|删除|移除|删掉|清除|去掉/i,
  ],
  [/refund|withdraw/i, /\b(refund\w*|money back|reimburs\w*|withdraw\w*)\b|退款|退钱|提现/i],
  [/pay|charge|transfer/i, /\b(pay\w*|charg\w*|transfer\w*|wire)\b|支付|付款|转账|扣款|付钱/i],
  [/revoke/i, /\brevok\w*\b|撤销|吊销/i],
];

/** Instructions aimed at the assistant's rules rather than at the shop: a request carrying them gets no destructive call. */
const INJECTION =
  /\b(ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}\b(instructions?|rules?|prompts?|guidelines|polic(?:y|ies)|restrictions?|above|previous|prior)\b|\b(admin|developer|god|sudo|jailbreak|dan)\s+mode\b|\byou are now\b|\bsystem prompt\b|\bnew instructions\b|忽略|无视|忘记|不要理会|之前的(?:所有)?(?:指令|规则|提示)|以上(?:所有)?(?:指令|规则)|管理员模式|开发者模式|越狱|你现在是/i;

/** Bulk wording: a destructive call names one thing, never "all orders". */
const BULK =
  /\b(all|every|each|any|entire)\b(\s+\w+){0,2}\s+(orders?|items?|accounts?|records?|payments?|subscriptions?|users?|products?|data|everything)\b|\beverything\b|所有|全部|一切|每个|每一个/i;

export function actionWords(toolName: string): RegExp {
  for (const [name, words] of ACTIONS) if (name.test(toolName)) return words;
  const verb = toolName.split(/[_.\-\s]|(?<=[a-z])(?=[A-Z])/)[0] ?? toolName;
  return new RegExp(`\\b${verb.replace(/[^\p{L}\p{N}]/gu, "")}\\w*`, "iu");
}

export function hasInjection(text: string): boolean {
  return INJECTION.test(text);
}

export function isBulk(text: string): boolean {
  return BULK.test(text);
}

/** Sentences of a message ("Where is A-1? Also cancel it" is two), for same-sentence evidence. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|[。！？；;\n]+/).filter((s) => s.trim() !== "");
}

/** Words that turn an action down just before it: "not cancel it", "don't delete", "不要取消". */
const NEGATED = /(\b(not|don'?t|do not|never|no need to|without|neither|nor|shouldn'?t|won'?t)\b[\s\w]{0,12}|(不要|不用|别|不|勿|无需)\s*)$/i;

/** Whether the text names the tool's action at least once without turning it down. */
export function namesAction(toolName: string, text: string): boolean {
  const words = new RegExp(actionWords(toolName).source, "giu");
  return [...text.matchAll(words)].some((m) => !NEGATED.test(text.slice(Math.max(0, (m.index ?? 0) - 24), m.index)));
}

/** Whether the text asks for the tool's action, with no injection marker and no bulk wording anywhere in it. */
export function asksFor(toolName: string, text: string): boolean {
  return namesAction(toolName, text) && !hasInjection(text) && !isBulk(text);
}
