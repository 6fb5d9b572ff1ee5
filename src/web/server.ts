import rateLimit from "@fastify/rate-limit";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { EXAMPLE_QUESTIONS } from "../answer/examples.js";
import type { App } from "../app.js";
import type { Config } from "../config.js";
import { CONVERSATION_ID, WebConversations } from "./conversations.js";
import { WebError, webErrorOf } from "./errors.js";
import { loadPageFiles } from "./page-files.js";

/** What the web needs of the app: the same answerer the bot and the console use, and the index. */
export type WebApp = Pick<App, "answerer" | "index">;

export interface WebServerOptions {
  /** The app's logger (src/log.ts), or any pino-shaped one. */
  logger: FastifyBaseLogger;
  /** Questions per client address and minute; 0 = no limit. */
  rateLimit: number;
  /** Largest request body in bytes (413 above). */
  bodyLimit: number;
  /** A conversation is forgotten after this many minutes without a question. */
  conversationMinutes: number;
  /** Reverse proxies whose X-Forwarded-For gives the client address (addresses or CIDR). */
  trustProxy?: string[];
  /** Conversations remembered at once (default 10,000) and turns kept in each (10). */
  maxConversations?: number;
  turns?: number;
  /** The clock conversations expire by (tests). */
  clock?: () => number;
}

/** The web options a config gives. */
export function webOptionsOf(config: Config, logger: FastifyBaseLogger): WebServerOptions {
  return {
    logger,
    rateLimit: config.WEB_RATE_LIMIT,
    bodyLimit: config.WEB_BODY_LIMIT,
    conversationMinutes: config.WEB_CONVERSATION_MINUTES,
    trustProxy: config.WEB_TRUST_PROXY,
  };
}

/** Where the page may load anything from: itself only. Inline script or style never runs. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The web page and the HTTP API (docs/DESIGN.md "HTTP API") over an app, not yet listening:
 * `await server.listen({ host, port })` starts it (port 0 in tests), `server.close()` stops
 * taking requests and lets those in progress finish. `POST /api/ask` answers with exactly the
 * `ask --json` object plus `conversation`; errors are `{"error": {"code", "message"}}`.
 * @throws the file-system error when the page's files are missing from the package.
 */
export async function createWebServer(app: WebApp, options: WebServerOptions): Promise<FastifyInstance> {
  const page = await loadPageFiles();
  const conversations = new WebConversations(
    { max: options.maxConversations ?? 10_000, turns: options.turns ?? 10, idleMs: options.conversationMinutes * 60_000 },
    options.clock,
  );
  const server = Fastify({
    loggerInstance: options.logger,
    // One line per answer (below) instead of two per request, and never the question text.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy && options.trustProxy.length > 0 ? options.trustProxy : false,
    // Fastify's own 503 while closing has another shape; ours (below) is the API's.
    return503OnClosing: false,
  });

  let closing = false;
  server.addHook("preClose", async () => {
    closing = true;
  });
  server.addHook("onRequest", async () => {
    if (closing) throw new WebError("unavailable");
  });

  server.addHook("onSend", async (request, reply) => {
    reply.header("x-content-type-options", "nosniff").header("referrer-policy", "no-referrer").header("content-security-policy", CSP);
    reply.header("cache-control", request.url.startsWith("/api/") ? "no-store" : "no-cache");
    // While stopping, keep-alive connections end with their answer, so the stop need not wait for them.
    if (closing) reply.header("connection", "close");
  });
  server.setErrorHandler((error, request, reply) => {
    const webError = webErrorOf(error as { code?: string; statusCode?: number }, options.bodyLimit);
    if (webError.code === "internal") request.log.error({ err: error }, "请求处理失败");
    else request.log.info({ code: webError.code }, "请求被拒绝");
    return reply.code(webError.statusCode).send(webError.body());
  });
  server.setNotFoundHandler((_request, reply) => {
    const notFound = new WebError("not-found");
    return reply.code(notFound.statusCode).send(notFound.body());
  });

  await server.register(rateLimit, {
    global: false,
    // Addresses remembered (least recently seen forgotten first): memory stays bounded.
    cache: 5000,
    errorResponseBuilder: () => new WebError("rate-limited", String(options.rateLimit)),
  });

  for (const file of page) server.get(file.path, (_request, reply) => reply.type(file.type).send(file.body));

  const manifest = () => app.index.manifest;
  server.get("/api/health", async () => ({ status: "ok", articles: manifest().counts.articles, builtAt: manifest().builtAt }));
  server.get("/api/about", async () => {
    const { coverage, counts, builtAt } = manifest();
    return { ...coverage, pages: counts.pages, articles: counts.articles, builtAt, examples: EXAMPLE_QUESTIONS };
  });

  server.post("/api/ask", { config: { rateLimit: options.rateLimit > 0 ? { max: options.rateLimit, timeWindow: 60_000 } : false } }, async (request) => {
    const started = performance.now();
    const asked = askOf(request.body);
    const { id, result } = await conversations.ask(asked.conversation, (conversation) => app.answerer.answer(asked.question, conversation));
    request.log.info({ answered: result.answered, ms: Math.round(performance.now() - started) }, "已回答");
    return { ...result, conversation: id };
  });
  return server;
}

/**
 * The body of `POST /api/ask`: `{question, conversation?}`.
 * @throws WebError `bad-json` (not an object), `no-question`, `bad-conversation`.
 */
function askOf(body: unknown): { question: string; conversation?: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new WebError("bad-json", "（应为 JSON 对象）");
  const { question, conversation } = body as Record<string, unknown>;
  if (typeof question !== "string" || question.trim() === "") throw new WebError("no-question");
  if (conversation === undefined || conversation === null) return { question };
  if (typeof conversation !== "string" || !CONVERSATION_ID.test(conversation)) throw new WebError("bad-conversation");
  return { question, conversation };
}
