import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { BOT_INFO } from "./helpers.js";

/** One Bot API request as the fake server received it. */
export interface FakeCall {
  method: string;
  payload: Record<string, any>;
  /** What the server did with it. */
  outcome: "ok" | "error" | "dropped";
}

/**
 * What the server does with a request: answer normally, answer with a Bot API error (the JSON
 * Telegram sends: `{ok:false, error_code, description, parameters:{retry_after}}`), or drop the
 * connection without a word.
 */
export type Fault = "ok" | "drop" | { error_code: number; description: string; retry_after?: number };

/** Picks the fault for a request; `nth` counts this method's requests so far, from 1. */
export type FaultRule = (method: string, payload: Record<string, any>, nth: number) => Fault;

export interface FakeBotApi {
  /** The TELEGRAM_API_ROOT to give the bot. */
  apiRoot: string;
  calls: FakeCall[];
  /** Queues a private message from `user` for getUpdates. */
  say(user: number, text: string): void;
  /** Texts the bot delivered (sendMessage answered ok) to a chat, oldest first. */
  delivered(chat: number): string[];
  /** The requests for one method (and chat, when given). */
  callsOf(method: string, chat?: number): FakeCall[];
  /** getUpdates requests being held open (long polling) right now. */
  waitingPolls(): number;
  /** Drops the connections of the getUpdates requests held open, as a dying proxy would. */
  dropWaitingPolls(): void;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body ? (JSON.parse(body) as Record<string, any>) : {};
}

const send = (res: ServerResponse, status: number, body: unknown): void =>
  void res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

/**
 * A small Telegram Bot API on 127.0.0.1 speaking the real wire format (`POST /bot<token>/<method>`,
 * `{ok:true, result}`): getMe, deleteWebhook, long-polling getUpdates with offsets, sendMessage,
 * sendChatAction. `rule` injects 429s, 5xx and dropped connections per request.
 */
export async function startFakeBotApi(rule: FaultRule = () => "ok"): Promise<FakeBotApi> {
  const calls: FakeCall[] = [];
  const counts = new Map<string, number>();
  let pending: Update[] = [];
  /** Long polls held open: wake one to answer it, or destroy its socket. */
  const polls = new Map<() => void, IncomingMessage>();
  let nextUpdate = 1;
  let nextMessage = 1;

  const respond = async (method: string, payload: Record<string, any>, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    switch (method) {
      case "getMe":
        return send(res, 200, { ok: true, result: BOT_INFO });
      case "deleteWebhook":
      case "sendChatAction":
      case "answerCallbackQuery":
        return send(res, 200, { ok: true, result: true });
      case "sendMessage":
        return send(res, 200, {
          ok: true,
          result: {
            message_id: nextMessage++,
            date: Math.floor(Date.now() / 1000),
            chat: { id: payload.chat_id, type: "private" },
            from: BOT_INFO,
            text: payload.text,
          },
        });
      case "getUpdates": {
        const offset = Number(payload.offset ?? 0);
        pending = pending.filter((u) => u.update_id >= offset);
        if (pending.length === 0) {
          // Long polling: hold the request until an update comes, the timeout passes or the bot hangs up.
          await new Promise<void>((resolve) => {
            const wake = () => {
              clearTimeout(timer);
              polls.delete(wake);
              resolve();
            };
            const timer = setTimeout(wake, Math.min(Number(payload.timeout ?? 0), 30) * 1000);
            polls.set(wake, req);
            res.once("close", wake);
          });
        }
        if (req.socket.destroyed) return;
        return send(res, 200, { ok: true, result: pending.slice(0, Number(payload.limit ?? 100)) });
      }
      default:
        return send(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const method = /^\/bot[^/]+\/([A-Za-z]+)$/.exec(req.url ?? "")?.[1] ?? "";
      const payload = await readJson(req);
      const nth = (counts.get(method) ?? 0) + 1;
      counts.set(method, nth);
      const fault = rule(method, payload, nth);
      calls.push({ method, payload, outcome: fault === "ok" ? "ok" : fault === "drop" ? "dropped" : "error" });
      if (fault === "drop") return void req.socket.destroy();
      if (fault !== "ok") {
        const { error_code, description, retry_after } = fault;
        return send(res, error_code, { ok: false, error_code, description, ...(retry_after !== undefined ? { parameters: { retry_after } } : {}) });
      }
      await respond(method, payload, req, res);
    })().catch(() => res.destroy());
  });
  // Node's server closes a keep-alive connection idle past keepAliveTimeout (5 s) only when the
  // next request arrives on it, which the bot sees as a dropped connection (after a 6 s backoff,
  // say). The fake drops connections only when its rule says so.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const callsOf = (method: string, chat?: number) => calls.filter((c) => c.method === method && (chat === undefined || c.payload.chat_id === chat));
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    say(user, text) {
      const from = { id: user, is_bot: false, first_name: "读者" };
      pending.push({
        update_id: nextUpdate++,
        message: { message_id: nextMessage++, date: Math.floor(Date.now() / 1000), chat: { id: user, type: "private", first_name: "读者" }, from, text },
      } as Update);
      for (const wake of [...polls.keys()]) wake();
    },
    delivered: (chat) =>
      callsOf("sendMessage", chat)
        .filter((c) => c.outcome === "ok")
        .map((c) => String(c.payload.text)),
    callsOf,
    waitingPolls: () => polls.size,
    dropWaitingPolls() {
      for (const req of polls.values()) req.socket.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const wake of [...polls.keys()]) wake();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
