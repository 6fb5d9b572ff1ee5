import type { Context, NextFunction } from "grammy";

/** `/cmd` or `/cmd@ThisBot` at the start of the text (not `/cmd@OtherBot`). */
function commandForMe(text: string, username: string): boolean {
  const match = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(text);
  return Boolean(match) && (!match![1] || match![1].toLowerCase() === username.toLowerCase());
}

/** The text mentions the bot by @username (anywhere). */
export function mentionsMe(text: string, username: string): boolean {
  return text.toLowerCase().includes(`@${username.toLowerCase()}`);
}

/** Removes the bot's @username from a message, leaving the question. */
export function withoutMention(text: string, username: string): string {
  return text
    .replace(new RegExp(`@${username}\\b`, "gi"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Whether an update is for the bot. Private chats and button presses always are; in a group a
 * message is only when it is a command for this bot, mentions it, or replies to one of its
 * messages. Everything else in a group is somebody else's conversation.
 */
export function isAddressedToMe(ctx: Context): boolean {
  if (ctx.callbackQuery) return true;
  const message = ctx.message;
  if (!message || !ctx.chat) return false;
  if (ctx.chat.type === "private") return true;
  if (ctx.chat.type === "channel") return false;
  const text = message.text ?? message.caption ?? "";
  const me = ctx.me;
  if (commandForMe(text, me.username)) return true;
  if (mentionsMe(text, me.username)) return true;
  const entities = message.entities ?? message.caption_entities ?? [];
  if (entities.some((e) => e.type === "text_mention" && e.user.id === me.id)) return true;
  return message.reply_to_message?.from?.id === me.id;
}

/** Middleware: stops updates not addressed to the bot before anything else sees them. */
export async function onlyAddressed(ctx: Context, next: NextFunction): Promise<void> {
  if (isAddressedToMe(ctx)) await next();
}
