import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.js";
import { AppError } from "../src/errors.js";

/** The AppError parseConfig throws for `env`. */
function configError(env: Record<string, string | undefined>): AppError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

const OPENAI = { OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", EMBEDDINGS_MODEL: "bge-m3", LLM_MODEL: "qwen2.5:7b" };

describe("parseConfig: defaults (docs/DESIGN.md)", () => {
  it("works offline with nothing set", () => {
    expect(parseConfig({})).toMatchObject({
      CORPUS_DIR: "corpus",
      INDEX_DIR: "data/index",
      EMBEDDINGS: "local",
      LLM: "none",
      LOG_LEVEL: "info",
      BOT_ADMINS: [],
    });
    expect(parseConfig({}).TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(parseConfig({}).OPENAI_BASE_URL).toBeUndefined();
  });

  it("serves the web page on 127.0.0.1:3000, limited to 30 questions a minute per address", () => {
    expect(parseConfig({})).toMatchObject({
      WEB_HOST: "127.0.0.1",
      WEB_PORT: 3000,
      WEB_RATE_LIMIT: 30,
      WEB_BODY_LIMIT: 16_384,
      WEB_CONVERSATION_MINUTES: 30,
      WEB_TRUST_PROXY: [],
    });
  });

  it("treats an empty value in .env as unset", () => {
    const config = parseConfig({ CORPUS_DIR: "", INDEX_DIR: "  ", EMBEDDINGS: "", LLM: "", LOG_LEVEL: "", BOT_ADMINS: "" });
    expect(config).toMatchObject({ CORPUS_DIR: "corpus", INDEX_DIR: "data/index", EMBEDDINGS: "local", LLM: "none", LOG_LEVEL: "info", BOT_ADMINS: [] });
  });

  it("keeps chunk overlap below chunk size by default", () => {
    const config = parseConfig({});
    expect(config.CHUNK_OVERLAP).toBeLessThan(config.CHUNK_SIZE);
  });
});

describe("parseConfig: values it takes", () => {
  it.each([
    [{ BOT_ADMINS: "1, 2" }, { BOT_ADMINS: [1, 2] }],
    [{ BOT_ADMINS: "12345,67890" }, { BOT_ADMINS: [12345, 67890] }],
    [
      { CORPUS_DIR: "/srv/报库/corpus", INDEX_DIR: "/var/lib/baoku" },
      { CORPUS_DIR: "/srv/报库/corpus", INDEX_DIR: "/var/lib/baoku" },
    ],
    [
      { CHUNK_SIZE: "300", CHUNK_OVERLAP: "0" },
      { CHUNK_SIZE: 300, CHUNK_OVERLAP: 0 },
    ],
    [{ LOG_LEVEL: "debug" }, { LOG_LEVEL: "debug" }],
    [
      { EMBEDDINGS: "openai", LLM: "openai", ...OPENAI },
      { EMBEDDINGS: "openai", LLM: "openai", ...OPENAI },
    ],
    [{ TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }, { TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }],
    [
      { WEB_HOST: "0.0.0.0", WEB_PORT: "8088", WEB_RATE_LIMIT: "0", WEB_BODY_LIMIT: "4096", WEB_CONVERSATION_MINUTES: "5" },
      { WEB_HOST: "0.0.0.0", WEB_PORT: 8088, WEB_RATE_LIMIT: 0, WEB_BODY_LIMIT: 4096, WEB_CONVERSATION_MINUTES: 5 },
    ],
    [{ WEB_TRUST_PROXY: "127.0.0.1, 10.0.0.0/8,::1" }, { WEB_TRUST_PROXY: ["127.0.0.1", "10.0.0.0/8", "::1"] }],
  ])("%j", (env, expected) => {
    expect(parseConfig(env)).toMatchObject(expected);
  });
});

describe("parseConfig: values it refuses, naming the key and what is allowed", () => {
  it.each([
    ["EMBEDDINGS=foo", { EMBEDDINGS: "foo" }, ["EMBEDDINGS", "local", "openai", "foo"]],
    ["LLM=gpt", { LLM: "gpt" }, ["LLM", "none", "openai"]],
    ["LOG_LEVEL=verbose", { LOG_LEVEL: "verbose" }, ["LOG_LEVEL", "info", "debug"]],
    ["LLM=openai without a base URL", { LLM: "openai", LLM_MODEL: "qwen2.5:7b" }, ["OPENAI_BASE_URL", "LLM=openai"]],
    ["EMBEDDINGS=openai without a base URL", { EMBEDDINGS: "openai", EMBEDDINGS_MODEL: "bge-m3" }, ["OPENAI_BASE_URL", "EMBEDDINGS=openai"]],
    ["EMBEDDINGS=openai without a model", { EMBEDDINGS: "openai", OPENAI_BASE_URL: OPENAI.OPENAI_BASE_URL }, ["EMBEDDINGS_MODEL"]],
    ["a base URL that is not a URL", { OPENAI_BASE_URL: "127.0.0.1:11434/v1" }, ["OPENAI_BASE_URL", "URL"]],
    ["CHUNK_OVERLAP equal to CHUNK_SIZE", { CHUNK_SIZE: "200", CHUNK_OVERLAP: "200" }, ["CHUNK_OVERLAP", "CHUNK_SIZE", "200"]],
    ["CHUNK_OVERLAP above the default size", { CHUNK_OVERLAP: "500" }, ["CHUNK_OVERLAP", "220"]],
    ["CHUNK_SIZE not a number", { CHUNK_SIZE: "大" }, ["CHUNK_SIZE"]],
    ["BOT_ADMINS with a user name", { BOT_ADMINS: "1, @zuoxiaoyu" }, ["BOT_ADMINS", "12345,67890"]],
    ["WEB_PORT out of range", { WEB_PORT: "70000" }, ["WEB_PORT", "70000"]],
    ["WEB_PORT not a number", { WEB_PORT: "http" }, ["WEB_PORT"]],
    ["WEB_RATE_LIMIT negative", { WEB_RATE_LIMIT: "-1" }, ["WEB_RATE_LIMIT"]],
    ["WEB_BODY_LIMIT too small for a question", { WEB_BODY_LIMIT: "100" }, ["WEB_BODY_LIMIT", "1024"]],
    ["WEB_CONVERSATION_MINUTES zero", { WEB_CONVERSATION_MINUTES: "0" }, ["WEB_CONVERSATION_MINUTES"]],
    ["WEB_TRUST_PROXY with a host name", { WEB_TRUST_PROXY: "proxy.example.org" }, ["WEB_TRUST_PROXY", "10.0.0.0/8"]],
  ] as Array<[string, Record<string, string>, string[]]>)("%s", (_, env, mentions) => {
    const error = configError(env);
    expect(error.code).toBe("config:invalid");
    for (const m of mentions) expect(error.message).toContain(m);
    expect(error.userMessage).toContain(mentions[0]!);
  });

  it("never shows the bot token or the API key in a message", () => {
    const token = "7212345678:AAFq3kTQ-9mdm5bR0x_ZcbJxQ2dTzE6yQqk";
    const key = "sk-live-0123456789abcdef";
    const messages = [
      configError({ TELEGRAM_BOT_TOKEN: token, EMBEDDINGS: "foo" }),
      configError({ TELEGRAM_BOT_TOKEN: token, OPENAI_API_KEY: key, LLM: "openai", LLM_MODEL: "qwen2.5:7b" }),
      configError({ TELEGRAM_BOT_TOKEN: token, OPENAI_API_KEY: key, CHUNK_OVERLAP: "500" }),
    ].flatMap((e) => [e.message, e.detail, e.userMessage, String(e.stack)]);
    for (const m of messages) {
      expect(m).not.toContain(token);
      expect(m).not.toContain("AAFq3kTQ");
      expect(m).not.toContain(key);
    }
  });

  it("never shows the bot token when it was pasted into another key by mistake", () => {
    const token = "7212345678:AAFq3kTQ-9mdm5bR0x_ZcbJxQ2dTzE6yQqk";
    const errors = [
      configError({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: `api.telegram.org/bot${token}` }),
      configError({ TELEGRAM_BOT_TOKEN: token, BOT_ADMINS: token }),
    ];
    for (const e of errors) {
      expect(e.code).toBe("config:invalid");
      expect(e.message).not.toContain("AAFq3kTQ");
      expect(e.userMessage).not.toContain("AAFq3kTQ");
    }
  });
});
