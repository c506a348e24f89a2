/**
 * The tenant of a request: a one-way hash of the caller's API key (the bearer token), salted for this use, so that
 * keys never reach storage and one key's records are invisible to every other key. Without a bearer: "anonymous".
 */
export async function tenantOf(authorization: string | undefined): Promise<string> {
  const key = /^Bearer\s+(.+)$/i.exec((authorization ?? "").trim())?.[1]?.trim();
  if (key === undefined || key === "") return "anonymous";
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`edgecall-memory\n${key}`));
  return Array.from(new Uint8Array(digest).subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}
