import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the stand-in OpenAI server received it. */
export interface EmbeddingRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: { model: string; input: string | string[]; encoding_format?: string };
}

export interface OpenAIServerOptions {
  /** Length of every vector returned (default 16). */
  dimensions?: number;
  /** "as-asked": base64 when the client asks for it, float arrays otherwise; "float": float arrays always. */
  reply?: "as-asked" | "float";
  /** Answer HTTP 500 to any request whose input contains this text (a model server falling over). */
  failOn?: string;
}

export interface OpenAIServer {
  /** `http://127.0.0.1:<port>/v1`, what OPENAI_BASE_URL is set to. */
  baseURL: string;
  requests: EmbeddingRequest[];
  /** Every text sent, in the order received. */
  inputs(): string[];
  close(): Promise<void>;
}

/**
 * The vector the server gives a text: its characters counted into `dimensions` buckets (plus 1 in
 * the first, so that no vector is zero). Small integers, so float32 and JSON carry them exactly.
 */
export function fakeVector(text: string, dimensions = 16): number[] {
  const v = new Array<number>(dimensions).fill(0);
  v[0] = 1;
  for (const ch of text) v[ch.codePointAt(0)! % dimensions]! += 1;
  return v;
}

/** Float32 little-endian bytes as base64: what OpenAI sends for `encoding_format: "base64"`. */
export function toBase64(vector: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  vector.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return Buffer.from(view.buffer).toString("base64");
}

/**
 * A stand-in for an OpenAI-compatible embeddings endpoint (Ollama, vLLM…) on 127.0.0.1, speaking the
 * real wire format: POST /v1/embeddings {model, input, encoding_format} →
 * {object: "list", data: [{object: "embedding", index, embedding}], model, usage}.
 */
export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const dimensions = options.dimensions ?? 16;
  const requests: EmbeddingRequest[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (part: string) => (raw += part));
    req.on("end", () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method !== "POST" || req.url !== "/v1/embeddings") {
        send(404, { error: { message: `no route ${req.method} ${req.url}`, type: "invalid_request_error" } });
        return;
      }
      const body = JSON.parse(raw) as EmbeddingRequest["body"];
      requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      if (options.failOn && inputs.some((t) => t.includes(options.failOn!))) {
        send(500, { error: { message: "model runner crashed", type: "server_error" } });
        return;
      }
      const base64 = options.reply !== "float" && body.encoding_format === "base64";
      const data = inputs.map((text, index) => {
        const vector = fakeVector(text, dimensions);
        return { object: "embedding", index, embedding: base64 ? toBase64(vector) : vector };
      });
      const tokens = inputs.reduce((n, t) => n + t.length, 0);
      send(200, { object: "list", data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    inputs: () => requests.flatMap((r) => (Array.isArray(r.body.input) ? r.body.input : [r.body.input])),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
