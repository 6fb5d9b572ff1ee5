import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake model server does with one chat request. */
export type ChatBehaviour = (request: {
  messages: Array<{ role: string; content: string }>;
  body: Record<string, unknown>;
}) => { content: string } | { status: number; body: string } | "hang";

export interface FakeOpenAI {
  baseURL: string;
  requests: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

/**
 * A small OpenAI-compatible server on 127.0.0.1 speaking the real wire format:
 * POST /v1/chat/completions and POST /v1/embeddings. Stands in for Ollama/vLLM in tests.
 */
export async function startFakeOpenAI(
  chat: ChatBehaviour,
  embed: (input: string[]) => number[][] = (input) => input.map((t) => [t.length % 7, 1, 2, 3]),
): Promise<FakeOpenAI> {
  const requests: Array<Record<string, unknown>> = [];
  const hanging = new Set<import("node:http").ServerResponse>();
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)) || "{}") as Record<string, unknown>;
    requests.push({ url: req.url, ...body });
    res.setHeader("content-type", "application/json");
    if (req.url?.endsWith("/embeddings")) {
      const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      res.end(
        JSON.stringify({
          object: "list",
          model: body.model,
          data: embed(input).map((embedding, index) => ({ object: "embedding", index, embedding })),
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      );
      return;
    }
    const behaviour = chat({ messages: body.messages as Array<{ role: string; content: string }>, body });
    if (behaviour === "hang") {
      hanging.add(res);
      return;
    }
    if ("status" in behaviour) {
      res.statusCode = behaviour.status;
      res.end(behaviour.body);
      return;
    }
    res.end(
      JSON.stringify({
        id: "chatcmpl-test",
        object: "chat.completion",
        created: 0,
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: behaviour.content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
