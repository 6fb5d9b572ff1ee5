import { z } from "zod";
import { AppError } from "./errors.js";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional());
const positiveInt = (fallback: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(fallback));

const schema = z
  .object({
    CORPUS_DIR: z.preprocess(emptyToUndefined, z.string().default("corpus")),
    INDEX_DIR: z.preprocess(emptyToUndefined, z.string().default("data/index")),
    TELEGRAM_BOT_TOKEN: optionalString,
    TELEGRAM_API_ROOT: optionalUrl,
    WEBHOOK_URL: optionalUrl,
    WEBHOOK_HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
    WEBHOOK_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(8080)),
    BOT_ADMINS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "应为逗号分隔的 Telegram 数字用户 id，例如 12345,67890")
        .optional()
        .transform((s) => (s ? s.split(",").map((id) => Number(id.trim())) : [])),
    ),
    WEB_HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
    WEB_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
    // Per client address and minute: a reader asks a few questions a minute; 0 turns it off.
    WEB_RATE_LIMIT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(30)),
    // A question is read up to 500 characters (1.5 KB of UTF-8): 16 KB is room to spare.
    WEB_BODY_LIMIT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1024).default(16_384)),
    WEB_CONVERSATION_MINUTES: positiveInt(30),
    WEB_TRUST_PROXY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\s*[0-9A-Fa-f:.]+(?:\/\d{1,3})?(?:\s*,\s*[0-9A-Fa-f:.]+(?:\/\d{1,3})?)*\s*$/, "应为逗号分隔的反向代理地址或网段，例如 127.0.0.1 或 10.0.0.0/8")
        .optional()
        .transform((s) => (s ? s.split(",").map((a) => a.trim()) : [])),
    ),
    EMBEDDINGS: z.preprocess(emptyToUndefined, z.enum(["local", "openai"]).default("local")),
    LLM: z.preprocess(emptyToUndefined, z.enum(["none", "openai"]).default("none")),
    OPENAI_BASE_URL: optionalUrl,
    OPENAI_API_KEY: optionalString,
    EMBEDDINGS_MODEL: optionalString,
    LLM_MODEL: optionalString,
    LLM_TIMEOUT_MS: positiveInt(20_000),
    // 0.2: chosen on the training data (newspaper questions and the benchmark's training folds).
    ANSWER_MIN_CONFIDENCE: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1).default(0.2)),
    CHUNK_SIZE: positiveInt(220),
    CHUNK_OVERLAP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(40)),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  })
  .superRefine((c, ctx) => {
    if (c.CHUNK_OVERLAP >= c.CHUNK_SIZE) {
      ctx.addIssue({ code: "custom", path: ["CHUNK_OVERLAP"], message: `必须小于 CHUNK_SIZE（${c.CHUNK_SIZE}）` });
    }
    for (const [key, on] of [
      ["EMBEDDINGS", c.EMBEDDINGS === "openai"],
      ["LLM", c.LLM === "openai"],
    ] as const) {
      if (on && !c.OPENAI_BASE_URL) {
        ctx.addIssue({ code: "custom", path: ["OPENAI_BASE_URL"], message: `${key}=openai 时必须设置（例如 http://127.0.0.1:11434/v1）` });
      }
    }
    if (c.EMBEDDINGS === "openai" && !c.EMBEDDINGS_MODEL) {
      ctx.addIssue({ code: "custom", path: ["EMBEDDINGS_MODEL"], message: "EMBEDDINGS=openai 时必须设置，例如 bge-m3" });
    }
    if (c.LLM === "openai" && !c.LLM_MODEL) {
      ctx.addIssue({ code: "custom", path: ["LLM_MODEL"], message: "LLM=openai 时必须设置，例如 qwen2.5:7b" });
    }
  });

export type Config = z.infer<typeof schema>;

/**
 * Validates an environment (normally `process.env`) into a typed config. Pure.
 * @throws AppError `config:invalid` naming the key, what was given and what is allowed.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? "?");
  const shown = SECRETS.includes(key) ? "***" : JSON.stringify(env[key] ?? "");
  throw new AppError("config:invalid", redactSecrets(`${key}=${shown}：${describe(issue)}`, env));
}

const SECRETS = ["TELEGRAM_BOT_TOKEN", "OPENAI_API_KEY"];
/** Anything shaped like a Telegram bot token (123456:ABC…). */
const BOT_TOKEN_SHAPE = /\d{5,}:[A-Za-z0-9_-]{20,}/g;

/** Blanks out secret values (wherever pasted) and anything shaped like a bot token. */
export function redactSecrets(text: string, env: Record<string, string | undefined>): string {
  let out = text;
  for (const key of SECRETS) {
    const value = env[key]?.trim();
    if (value && value.length >= 4) out = out.split(value).join("***");
  }
  return out.replace(BOT_TOKEN_SHAPE, "***");
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value") return `允许的值：${issue.values.map(String).join("、")}`;
  if (issue.code === "invalid_format" && issue.format === "url") return "应为 URL，例如 http://127.0.0.1:11434/v1";
  if (issue.code === "too_small" || issue.code === "invalid_type") return `应为正整数（${issue.message}）`;
  return issue.message;
}
