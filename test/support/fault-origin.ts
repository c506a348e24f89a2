/**
 * A fault-injecting OpenAI-compatible upstream on loopback for the origin tests: each request to
 * /v1/chat/completions is answered as the script says (prose, a tool call, a status, or a fault: slow headers, a
 * stalled body, a connection dropped mid-stream, garbage JSON, truncated SSE, a huge body, a reset connection).
 * Streaming requests get SSE in OpenAI's chunk format.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type FaultAnswer =
  | { kind: "text"; text: string }
  | { kind: "call"; name: string; arguments: string }
  | { kind: "status"; status: number; retryAfter?: string }
  | { kind: "slow_headers" }
  | { kind: "slow_body" }
  | { kind: "drop_mid_stream" }
  | { kind: "garbage" }
  | { kind: "truncated" }
  | { kind: "huge"; bytes: number }
  | { kind: "reset" };

export interface SeenRequest {
  body: Record<string, unknown>;
  authorization: string | undefined;
}

export interface FaultOrigin {
  /** Base URL as OpenAI clients take it (…/v1). */
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

const completion = (message: Record<string, unknown>, finish: string) => ({
  id: "chatcmpl-upstream",
  object: "chat.completion",
  created: 1,
  model: "fault-model",
  choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finish }],
  usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
});

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "chatcmpl-upstream", object: "chat.completion.chunk", created: 1, model: "fault-model", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

function answer(res: ServerResponse, stream: boolean, what: FaultAnswer): void {
  switch (what.kind) {
    case "text":
      if (!stream) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion({ content: what.text }, "stop")));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(chunk({ role: "assistant", content: "" }));
      for (const word of what.text.split(/(?<= )/)) res.write(chunk({ content: word }));
      res.write(chunk({}, "stop"));
      res.end(`data: ${JSON.stringify({ object: "chat.completion.chunk", choices: [], usage: completion({}, "stop").usage })}\n\ndata: [DONE]\n\n`);
      return;
    case "call": {
      const call = { id: "call_up", type: "function", function: { name: what.name, arguments: what.arguments } };
      if (!stream) {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify(completion({ content: null, tool_calls: [call] }, "tool_calls")));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(chunk({ role: "assistant", content: null }));
      res.write(chunk({ tool_calls: [{ index: 0, id: call.id, type: "function", function: { name: what.name, arguments: "" } }] }));
      res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: what.arguments } }] }));
      res.end(chunk({}, "tool_calls") + "data: [DONE]\n\n");
      return;
    }
    case "status": {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (what.retryAfter !== undefined) headers["retry-after"] = what.retryAfter;
      res
        .writeHead(what.status, headers)
        .end(JSON.stringify({ error: { message: "upstream trouble", type: "server_error", param: null, code: null } }));
      return;
    }
    case "slow_headers":
      return; // never answers; the socket is destroyed on close()
    case "slow_body":
      res.writeHead(200, { "content-type": stream ? "text/event-stream" : "application/json" });
      res.write(stream ? chunk({ role: "assistant", content: "" }) : '{"id":');
      return;
    case "drop_mid_stream":
      res.writeHead(200, { "content-type": stream ? "text/event-stream" : "application/json" });
      res.write(stream ? chunk({ role: "assistant", content: "" }) + chunk({ content: "Half an ans" }) : '{"id":"chatcmpl-upstream","choi');
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    case "garbage":
      res.writeHead(200, { "content-type": stream ? "text/event-stream" : "application/json" });
      res.end(stream ? "data: {not json\n\n" : "<html>502 Bad Gateway</html>");
      return;
    case "truncated":
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(
        chunk({ role: "assistant", content: null }) +
          chunk({ tool_calls: [{ index: 0, id: "c", type: "function", function: { name: "x", arguments: '{"a' } }] }),
      );
      return;
    case "huge": {
      res.writeHead(200, { "content-type": stream ? "text/event-stream" : "application/json" });
      const piece = stream ? chunk({ content: "x".repeat(4000) }) : " ".repeat(4096);
      let sent = 0;
      const pump = (): void => {
        while (sent < what.bytes) {
          sent += piece.length;
          if (!res.write(piece)) {
            res.once("drain", pump);
            return;
          }
        }
        res.end(stream ? chunk({}, "stop") + "data: [DONE]\n\n" : JSON.stringify(completion({ content: "big" }, "stop")));
      };
      pump();
      return;
    }
    case "reset":
      res.socket?.destroy();
      return;
  }
}

export async function startFaultOrigin(script: (request: SeenRequest, index: number) => FaultAnswer): Promise<FaultOrigin> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.on("data", (part: Buffer) => (text += part.toString()));
    req.on("end", () => {
      if (req.method === "GET" && req.url === "/v1/models") {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ object: "list", data: [{ id: "fault-model", object: "model" }] }));
        return;
      }
      const seen: SeenRequest = { body: JSON.parse(text) as Record<string, unknown>, authorization: req.headers.authorization };
      requests.push(seen);
      answer(res, seen.body.stream === true, script(seen, requests.length - 1));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A base URL where nothing listens (a port taken and released). */
export async function closedOriginUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}
