/** Response and tool-call ids in OpenAI's style (`chatcmpl-...`, `call_...`). */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomToken(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let token = "";
  for (const byte of bytes) token += ALPHABET[byte % ALPHABET.length];
  return token;
}

export const completionId = (): string => `chatcmpl-${randomToken(24)}`;
export const toolCallId = (): string => `call_${randomToken(24)}`;
