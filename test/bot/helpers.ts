import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Bot, Context } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { createBotDeps } from "../../src/bot/app-deps.js";
import { createBot, type CreateBotOptions } from "../../src/bot/bot.js";
import type { BotDeps } from "../../src/bot/deps.js";
import { redactingLogger, type BotLogger } from "../../src/bot/logger.js";
import { parseConfig, type Config } from "../../src/config.js";

/** Shaped like a real token, so the redaction of token-like strings is exercised too. */
export const TOKEN = "1234567890:AAFakeTokenForBaokuTests_abcdefghijk";
export const BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: "报库",
  username: "BaokuTestBot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};
export const ZHUNDONG = "今年上半年准东开发区有多少家企业注册登记？";

export interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps what it is given. */
export function recordingLogger(): { logger: BotLogger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, fields: fields as Record<string, unknown>, message });
  return { logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, lines };
}

/** The real bot dependencies over a temp copy of corpus/ (index built there, feedback file too). */
export interface RealDeps {
  deps: BotDeps;
  config: Config;
  dir: string;
  logs: LogLine[];
  cleanup(): Promise<void>;
}

export async function realDeps(env: Record<string, string> = {}): Promise<RealDeps> {
  const dir = await mkdtemp(join(tmpdir(), "baoku-bot-"));
  await cp("corpus", join(dir, "corpus"), { recursive: true });
  const config = parseConfig({ CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "data", "index"), LOG_LEVEL: "silent", ...env });
  const { logger, lines } = recordingLogger();
  // Through the same redaction as production: errors become plain objects, secrets are blanked.
  const deps = await createBotDeps(config, redactingLogger(logger, [TOKEN]));
  return { deps, config, dir, logs: lines, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface ApiCall {
  method: string;
  payload: Record<string, any>;
}

/**
 * A bot as grammY tests itself: known botInfo, and an API transformer that records every call and
 * answers it with a plausible result — or with an error for the methods `fails` picks.
 */
export function testBot(deps: BotDeps, options: CreateBotOptions & { fails?: (method: string) => boolean } = {}) {
  const bot: Bot<Context> = createBot(TOKEN, deps, { botInfo: BOT_INFO, ...options });
  const calls: ApiCall[] = [];
  let messageId = 1000;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, any>;
    calls.push({ method, payload: p });
    if (options.fails?.(method)) return { ok: false, error_code: 400, description: `Bad Request: ${method} is not supported` } as any;
    if (method === "sendMessage") {
      return { ok: true, result: { message_id: messageId++, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text } } as any;
    }
    return { ok: true, result: true } as any;
  });
  const sent = () => calls.filter((c) => c.method === "sendMessage");
  return { bot, calls, sent, texts: () => sent().map((c) => String(c.payload.text)) };
}

let updateId = 1;
let messageId = 1;
let userId = 5000;
/** A user id no other test has used (each has its own rate-limit budget). */
export const newUser = () => ++userId;

export interface Where {
  user: number;
  chat?: number;
  type?: "private" | "group" | "supergroup";
  /** The message replies to one of the bot's. */
  replyToBot?: boolean;
}

function from(user: number) {
  return { id: user, is_bot: false, first_name: "测试用户", username: `user${user}` };
}

function chatOf(where: Where) {
  const type = where.type ?? "private";
  const id = where.chat ?? where.user;
  return type === "private" ? { id, type, first_name: "测试用户" } : { id, type, title: "昌吉读者群" };
}

/** A text message update; text starting with a command gets its bot_command entity. */
export function message(text: string, where: Where): Update {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return {
    update_id: updateId++,
    message: {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chatOf(where),
      from: from(where.user),
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
      ...(where.replyToBot ? { reply_to_message: { message_id: 1, date: 0, chat: chatOf(where), from: BOT_INFO, text: "（报库的回答）" } } : {}),
    },
  } as Update;
}

/** A button press on a message in the chat. */
export function press(data: string, where: Where): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from: from(where.user),
      chat_instance: "1",
      data,
      message: { message_id: 1, date: 0, chat: chatOf(where), text: "（报库的回答）" },
    },
  } as Update;
}

/** The callback data of the button labelled `label` in a recorded sendMessage. */
export function buttonData(call: ApiCall | undefined, label: string): string {
  const rows = (call?.payload.reply_markup?.inline_keyboard ?? []) as Array<Array<{ text: string; callback_data: string }>>;
  const button = rows.flat().find((b) => b.text === label);
  if (!button) throw new Error(`no button ${label}`);
  return button.callback_data;
}

/** Tags opened and closed in order (<b>, <blockquote expandable>, …): a Telegram HTML check. */
export function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (!m[1]) stack.push(m[2]!);
    else if (stack.pop() !== m[2]) return false;
  }
  return stack.length === 0;
}
