/** JSON pointer (`/messages/0/role`) to OpenAI's parameter notation (`messages[0].role`). */
export function pointerToParam(pointer: string): string | null {
  if (pointer === "") return null;
  let param = "";
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^\d+$/.test(segment)) param += `[${segment}]`;
    else param += param === "" ? segment : `.${segment}`;
  }
  return param;
}

export function joinParam(parent: string | null, child: string): string {
  return parent === null ? child : `${parent}.${child}`;
}
