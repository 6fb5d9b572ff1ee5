import { createServer } from "node:net";
import { TelegramServer, type StoredBotUpdate } from "telegram-test-api/lib/telegramServer.js";

/** A free TCP port on 127.0.0.1 (the emulator takes a port, not 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The Bot API emulator (telegram-test-api) on 127.0.0.1, on a free port. */
export async function startEmulator(): Promise<TelegramServer> {
  const server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 600 });
  await server.start();
  return server;
}

export interface ChatOptions {
  user: number;
  chat?: number;
  type?: "private" | "group";
}

/** A person in one chat, talking to the bot through the emulator's client HTTP API. */
export class EmulatorUser {
  private readonly client;
  readonly chat: number;

  constructor(
    private readonly server: TelegramServer,
    token: string,
    options: ChatOptions,
  ) {
    this.chat = options.chat ?? options.user;
    this.client = server.getClient(token, {
      userId: options.user,
      chatId: this.chat,
      type: options.type ?? "private",
      chatTitle: options.type === "group" ? "昌吉读者群" : "测试用户",
    });
  }

  say(text: string): Promise<unknown> {
    return this.client.sendMessage(this.client.makeMessage(text));
  }

  command(text: string): Promise<unknown> {
    return this.client.sendCommand(this.client.makeCommand(text));
  }

  /** Presses the button labelled `label` under one of the bot's messages. */
  press(reply: StoredBotUpdate, label: string): Promise<unknown> {
    const rows = ((reply.message.reply_markup as { inline_keyboard?: unknown })?.inline_keyboard ?? []) as Array<
      Array<{ text: string; callback_data: string }>
    >;
    const button = rows.flat().find((b) => b.text === label);
    if (!button) throw new Error(`no button ${label} under ${String(reply.message.text).slice(0, 40)}`);
    return this.client.sendCallback(this.client.makeCallbackQuery(button.callback_data, { message: { message_id: reply.messageId } }));
  }

  /** The bot's messages in this chat so far, oldest first. */
  async replies(): Promise<StoredBotUpdate[]> {
    return botMessages(this.server, this.client, this.chat);
  }

  /** Waits (bounded) until the bot has sent at least `count` messages here; returns them. */
  async waitForReplies(count: number, timeoutMs = 30_000): Promise<StoredBotUpdate[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const replies = await this.replies();
      if (replies.length >= count) return replies;
      if (Date.now() > deadline) throw new Error(`chat ${this.chat}: ${replies.length} of ${count} replies after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

type Client = ReturnType<TelegramServer["getClient"]>;

/** All the bot's messages for one chat, via the client API's history. */
export async function botMessages(_server: TelegramServer, client: Client, chat?: number): Promise<StoredBotUpdate[]> {
  const history = (await client.getUpdatesHistory()) as Array<StoredBotUpdate | { message?: { chat?: unknown } }>;
  return history.filter(
    (u): u is StoredBotUpdate => Boolean(u.message) && "chat_id" in u.message && (chat === undefined || String(u.message.chat_id) === String(chat)),
  );
}

/** Text of a stored bot message (the raw HTML the bot sent). */
export const textOf = (u: StoredBotUpdate): string => String(u.message.text);
