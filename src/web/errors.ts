/**
 * The HTTP API's errors: one code each, its status and the Chinese message a reader sees. The
 * body is always `{"error": {"code", "message"}}` — never a stack trace or a library's words.
 */
export type WebErrorCode =
  | "bad-json"
  | "no-question"
  | "bad-conversation"
  | "too-large"
  | "rate-limited"
  | "not-found"
  | "bad-request"
  | "unavailable"
  | "internal";

const ERRORS: Record<WebErrorCode, { status: number; message: (detail: string) => string }> = {
  "bad-json": { status: 400, message: (d) => `请求内容不是有效的 JSON${d}：请以 Content-Type: application/json 发送 {"question": "问题"}` },
  "no-question": { status: 400, message: () => '缺少问题：请在 "question" 字段中填写要问的问题（文字，不能为空）' },
  "bad-conversation": { status: 400, message: () => '"conversation" 应为上一次回答中返回的对话编号（字母、数字、- 和 _，最多 64 个字符）' },
  "too-large": { status: 413, message: (d) => `请求内容过大（上限 ${d} 字节）：问题请控制在 500 字以内` },
  "rate-limited": { status: 429, message: (d) => `提问太频繁了：每个地址每分钟最多提问 ${d} 次，请稍后再试` },
  "not-found": { status: 404, message: () => "没有这个地址：提问请用 POST /api/ask，网页在 /" },
  "bad-request": { status: 400, message: () => "请求格式有误，请检查后重试" },
  unavailable: { status: 503, message: () => "报库正在停止或重启，请稍后再试。" },
  internal: { status: 500, message: () => "抱歉，处理您的问题时出了点问题，请稍后再试。" },
};

/** An error the API answers with its own status and message (thrown by handlers and hooks). */
export class WebError extends Error {
  override readonly name = "WebError";
  readonly statusCode: number;
  /** The Chinese message for the response body. */
  readonly userMessage: string;

  constructor(
    readonly code: WebErrorCode,
    detail = "",
  ) {
    super(code);
    this.statusCode = ERRORS[code].status;
    this.userMessage = ERRORS[code].message(detail);
  }

  /** The response body. */
  body(): { error: { code: WebErrorCode; message: string } } {
    return { error: { code: this.code, message: this.userMessage } };
  }
}

/** Fastify's own errors (its body parser, its limits) as the API's, by their codes. */
export function webErrorOf(error: { code?: string; statusCode?: number }, bodyLimit: number): WebError {
  if (error instanceof WebError) return error;
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new WebError("too-large", String(bodyLimit));
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new WebError("bad-json");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new WebError("bad-json", "（内容类型不对）");
  }
  // The default JSON parser throws a plain SyntaxError with statusCode 400.
  if (error.statusCode === 400 && error instanceof SyntaxError) return new WebError("bad-json");
  if (error.statusCode === 413) return new WebError("too-large", String(bodyLimit));
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return new WebError("bad-request");
  return new WebError("internal");
}
