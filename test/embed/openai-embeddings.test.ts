import { afterEach, describe, expect, it } from "vitest";
import { createEmbeddings, embeddingsKind } from "../../src/embed/create-embeddings.js";
import { createOpenAIEmbeddings } from "../../src/embed/openai-embeddings.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { fakeVector, startOpenAIServer, type OpenAIServer } from "./openai-server.js";

// Passages cut from the seed pages (2025-07 and 2025-12-23).
const PASSAGES = [
  "截至6月30日，共有来自疆内外的245家企业来准东注册登记，其中注册资本1千万元以上56家，1亿元以上10家",
  "报装总容量达2740.55万千瓦伏安，同比增长25.7%。",
  "昌吉州“三色清单”为企业减负",
];
const QUESTION = "今年上半年准东开发区有多少家企业注册登记？";

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("createOpenAIEmbeddings against an OpenAI-compatible server on 127.0.0.1", () => {
  // The client asks for base64 (float32 little-endian); a server may answer that or plain floats.
  it.each([
    ["base64 float32, as asked", "as-asked"],
    ["plain float arrays", "float"],
  ] as const)("reads vectors sent as %s", async (_, reply) => {
    server = await startOpenAIServer({ reply, dimensions: 16 });
    const embeddings = createOpenAIEmbeddings({ baseURL: server.baseURL, model: "bge-m3" });

    const vectors = await embeddings.embedDocuments(PASSAGES);
    expect(vectors).toEqual(PASSAGES.map((t) => fakeVector(t, 16)));
    expect(await embeddings.embedQuery(QUESTION)).toEqual(fakeVector(QUESTION, 16));
  });

  it("sends the model name and the texts to POST /v1/embeddings, asking for base64", async () => {
    server = await startOpenAIServer();
    const embeddings = createOpenAIEmbeddings({ baseURL: server.baseURL, model: "bge-m3" });
    await embeddings.embedDocuments(PASSAGES);
    await embeddings.embedQuery(QUESTION);

    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    for (const r of server.requests) {
      expect(r).toMatchObject({ method: "POST", url: "/v1/embeddings", body: { model: "bge-m3", encoding_format: "base64" } });
    }
    expect(server.inputs()).toEqual([...PASSAGES, QUESTION]);
  });

  it("sends the API key as a bearer token, and a placeholder when none is set", async () => {
    server = await startOpenAIServer();
    await createOpenAIEmbeddings({ baseURL: server.baseURL, model: "bge-m3", apiKey: "sk-local-test" }).embedQuery(QUESTION);
    await createOpenAIEmbeddings({ baseURL: server.baseURL, model: "bge-m3" }).embedQuery(QUESTION);
    expect(server.requests.map((r) => r.authorization)).toEqual(["Bearer sk-local-test", "Bearer not-needed"]);
  });

  it("sends more than one batch of 64 texts in several requests and keeps their order", async () => {
    server = await startOpenAIServer();
    const texts = Array.from({ length: 150 }, (_, i) => `${PASSAGES[i % 3]}（第${i + 1}段）`);
    const vectors = await createOpenAIEmbeddings({ baseURL: server.baseURL, model: "bge-m3" }).embedDocuments(texts);

    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((r) => (r.body.input as string[]).length <= 64)).toBe(true);
    expect(vectors).toEqual(texts.map((t) => fakeVector(t)));
  });

  it("retries a server error twice, then rejects with it", async () => {
    server = await startOpenAIServer({ failOn: "245家" });
    const embeddings = createOpenAIEmbeddings({ baseURL: server.baseURL, model: "bge-m3" });
    await expect(embeddings.embedDocuments([PASSAGES[0]!])).rejects.toThrow(/500|model runner crashed/);
    expect(server.requests).toHaveLength(3);
  });
});

describe("createEmbeddings: the configured kind", () => {
  it("builds the openai kind from EMBEDDINGS=openai settings, pointed at OPENAI_BASE_URL", async () => {
    server = await startOpenAIServer({ dimensions: 8 });
    const settings = { EMBEDDINGS: "openai", OPENAI_BASE_URL: server.baseURL, EMBEDDINGS_MODEL: "qwen3-embedding" } as const;
    const embeddings = createEmbeddings(settings, defaultTokenizer());

    expect(await embeddings.embedQuery("昌吉州12345热线")).toEqual(fakeVector("昌吉州12345热线", 8));
    expect(server.requests[0]?.body.model).toBe("qwen3-embedding");
    expect(embeddingsKind(settings)).toEqual({ kind: "openai", model: "qwen3-embedding" });
  });

  it("names the local kind without a model", () => {
    expect(embeddingsKind({ EMBEDDINGS: "local", EMBEDDINGS_MODEL: "bge-m3" })).toEqual({ kind: "local", model: null });
  });
});
