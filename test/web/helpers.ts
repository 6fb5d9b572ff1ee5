import type { FastifyInstance } from "fastify";
import pino from "pino";
import { createWebServer, type WebApp, type WebServerOptions } from "../../src/web/server.js";

/** A started web server on 127.0.0.1 and a free port, and what it logged. */
export interface RunningWeb {
  server: FastifyInstance;
  /** `http://127.0.0.1:<port>` */
  url: string;
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Starts the real web server over `app` on port 0, with the production defaults unless overridden. */
export async function startWeb(app: WebApp, options: Partial<WebServerOptions> = {}): Promise<RunningWeb> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "info", base: undefined }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const server = await createWebServer(app, { logger, rateLimit: 0, bodyLimit: 16_384, conversationMinutes: 30, ...options });
  const url = await server.listen({ host: "127.0.0.1", port: 0 });
  return { server, url, logs, close: () => server.close() };
}

/** POST /api/ask with a JSON body (or the raw `body` and `type` given). */
export async function ask(url: string, body: unknown, init: { type?: string; raw?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${url}/api/ask`, {
    method: "POST",
    headers: { "content-type": init.type ?? "application/json", ...init.headers },
    body: init.raw ?? JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
}
