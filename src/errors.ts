/**
 * One error type for the whole app. `code` picks a user-facing Chinese message from `MESSAGES`;
 * library and file-system details travel in `cause` and go to the log only.
 */
export type ErrorCode =
  | "config:invalid"
  | "corpus:missing"
  | "corpus:unreadable"
  | "corpus:outside"
  | "index:missing"
  | "index:corrupt"
  | "index:busy"
  | "index:read-only"
  | "embed:failed"
  | "llm:failed"
  | "bot:no-token"
  | "bot:start-failed"
  | "web:start-failed"
  | "internal";

const MESSAGES: Record<ErrorCode, (detail: string) => string> = {
  "config:invalid": (d) => `配置有误：${d}（请检查 .env，参见 .env.example）`,
  "corpus:missing": (d) => `找不到报纸语料目录：${d}（请设置 CORPUS_DIR 或把版面文本放进 corpus/）`,
  "corpus:unreadable": (d) => `无法读取版面文件：${d}`,
  "corpus:outside": (d) => `清单中的文件不在语料目录内，已拒绝：${d}`,
  "index:missing": (d) => `索引不存在：请先运行 npm run index（INDEX_DIR=${d}）`,
  "index:corrupt": (d) => `索引已损坏：${d}（请运行 npm run index 重建）`,
  "index:busy": (d) => `另一个进程正在建索引：${d}（请稍后再试）`,
  "index:read-only": (d) => `索引是只读的：请把页面放进 corpus/ 后运行 npm run index（${d}）`,
  "embed:failed": (d) => `向量计算失败：${d}`,
  "llm:failed": (d) => `大模型服务调用失败：${d}`,
  "bot:no-token": () => "未设置 TELEGRAM_BOT_TOKEN：请向 @BotFather 申请机器人令牌并写入 .env；不用 Telegram 也可以运行 npm run chat",
  "bot:start-failed": (d) => `机器人无法启动：${d}`,
  "web:start-failed": (d) => `网页服务无法启动：${d}（请检查 WEB_HOST、WEB_PORT，或该端口是否已被占用）`,
  internal: (d) => `内部错误：${d}`,
};

export class AppError extends Error {
  override readonly name = "AppError";
  /** The user-facing (Chinese) one-line message. */
  readonly userMessage: string;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${detail}`, options);
    this.userMessage = MESSAGES[code](detail);
  }
}

/** The one-line Chinese message for any thrown value; unknown errors get a generic line. */
export function userMessage(error: unknown): string {
  if (error instanceof AppError) return error.userMessage;
  return MESSAGES.internal(error instanceof Error ? error.message : String(error));
}
