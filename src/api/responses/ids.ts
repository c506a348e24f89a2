/**
 * Responses ids. A response is `resp_<token>`; its output items are `fc_<token>_<n>` and `msg_<token>_<n>`, so an
 * `item_reference` names the response that holds the item. Input items get ids of their own.
 */
import { randomToken } from "../chat/ids.js";

export const newResponseToken = (): string => randomToken(32);
export const responseId = (token: string): string => `resp_${token}`;
export const outputItemId = (kind: "fc" | "msg", token: string, index: number): string => `${kind}_${token}_${index}`;
export const inputItemId = (kind: "msg" | "fc" | "fco"): string => `${kind}_${randomToken(32)}`;

/** The response id an output item id belongs to, when it is one of ours. */
export function responseOfItem(itemId: string): string | undefined {
  const match = /^(?:fc|msg)_([A-Za-z0-9]+)_\d+$/.exec(itemId);
  return match === null ? undefined : responseId(match[1] ?? "");
}
