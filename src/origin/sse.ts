/**
 * A Server-Sent Events reader for the origin's stream: bytes in, one `data` payload per event out. Written here
 * rather than taken from npm because all it needs is the `data:` field of the spec's line rules (CR, LF, CRLF;
 * multi-line data joined by "\n"; comments and other fields ignored), and the worker bundle stays dependency-free.
 */
export class SseDecoder {
  private buffer = "";
  private data: string[] = [];
  private readonly text = new TextDecoder();

  /** Feeds bytes; returns the payloads of the events they complete. */
  push(bytes: Uint8Array): string[] {
    this.buffer += this.text.decode(bytes, { stream: true });
    return this.drain(false);
  }

  /** The stream ended: a last event with no blank line after it is dropped, as the spec says. */
  end(): string[] {
    this.buffer += this.text.decode();
    return this.drain(true);
  }

  private drain(final: boolean): string[] {
    const events: string[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (match === null) break;
      // A lone CR at the very end may be the first half of CRLF: wait for more bytes.
      if (match[0] === "\r" && match.index === this.buffer.length - 1 && !final) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.line(line, events);
    }
    return events;
  }

  private line(line: string, events: string[]): void {
    if (line === "") {
      if (this.data.length > 0) events.push(this.data.join("\n"));
      this.data = [];
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
  }
}
