import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";
import type { Logger } from "../log.js";
import { dateDigits } from "./compose.js";
import { inventedNumbers } from "./figures.js";
import { formatDate } from "./citation.js";
import type { SearchResult } from "../retrieve/retriever.js";

/** What the LLM is given of a candidate: its retrieved passage. */
type Candidate = { result: SearchResult };
import type { AnswerResult, Citation } from "./types.js";

/** An LLM that may rewrite an extractive answer; it returns the extractive one on any doubt. */
export interface LlmAnswerer {
  improve(question: string, passages: readonly Candidate[], extractive: AnswerResult): Promise<AnswerResult>;
}

export interface LlmOptions {
  baseURL: string;
  model: string;
  apiKey?: string;
  /** Milliseconds before giving up and answering extractively. */
  timeoutMs: number;
  logger?: Logger;
}

/** What the model must return (JSON mode), checked with zod. */
export const llmReplySchema = z.object({
  answer: z.string().min(1).max(400),
  citations: z.array(z.number().int().positive()).min(1).max(5),
});

const SYSTEM = `你是报库，一个只依据报纸原文回答问题的助手。
规则：
1. 只能使用下面编号的段落作答，不得使用其他知识。
2. 用一两句话简洁回答；数字、单位必须与原文一字不差，不得换算、不得四舍五入。
3. 在引用的句子后用 [编号] 标出来源段落。
4. 只输出一个 JSON 对象：{"answer": "回答文字", "citations": [所引用段落的编号]}。`;

/** The distinct passages (chunks) behind the candidates, numbered from 1. */
function passagesOf(candidates: readonly Candidate[]) {
  const seen = new Map<string, Candidate>();
  for (const c of candidates) if (!seen.has(c.result.chunk.id)) seen.set(c.result.chunk.id, c);
  return [...seen.values()].slice(0, 5).map((c, i) => ({ id: i + 1, candidate: c, text: c.result.chunk.text }));
}

/**
 * An OpenAI-compatible chat model (Ollama, vLLM, …) through LangChain's ChatOpenAI in JSON mode.
 * The reply is validated: schema (zod), cited ids among the passages given, and every number in
 * the answer present in the passages it cites. Anything else — invalid JSON, unknown id, an
 * invented figure, an error, a timeout — keeps the extractive answer.
 */
export function createOpenAILlm(options: LlmOptions): LlmAnswerer {
  const model = new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey || "not-needed",
    configuration: { baseURL: options.baseURL },
    temperature: 0,
    maxRetries: 0,
    timeout: options.timeoutMs,
  }).withStructuredOutput(llmReplySchema, { method: "jsonMode", name: "answer" });

  return {
    async improve(question, candidates, extractive) {
      const passages = passagesOf(candidates);
      if (passages.length === 0) return extractive;
      const listing = passages
        .map(
          (p) =>
            `[${p.id}]《${p.candidate.result.article.title ?? "无标题"}》${formatDate(p.candidate.result.article.date, p.candidate.result.article.dateInferred)}\n${p.text}`,
        )
        .join("\n\n");
      try {
        const reply = await model.invoke(
          [
            { role: "system", content: SYSTEM },
            { role: "user", content: `段落：\n${listing}\n\n问题：${question}` },
          ],
          { signal: AbortSignal.timeout(options.timeoutMs) },
        );
        const cited = reply.citations.map((id) => passages.find((p) => p.id === id));
        if (cited.some((p) => p === undefined)) throw new Error(`unknown passage id in ${JSON.stringify(reply.citations)}`);
        const used = [...new Set(cited as typeof passages)];
        const citations: Citation[] = used.map((p, i) => ({ ...citationFor(p.candidate), id: i + 1, quote: p.text }));
        // Renumber [n] markers to the citation order.
        const answer = reply.answer.replace(/\[(\d+)\]/g, (_marker, n: string) => {
          const k = used.findIndex((p) => p.id === Number(n));
          return k >= 0 ? `[${k + 1}]` : "";
        });
        const invented = inventedNumbers(
          answer,
          citations.map((c) => c.quote),
          dateDigits(citations),
        );
        if (invented.length > 0) throw new Error(`numbers not in the cited passages: ${invented.join(", ")}`);
        const kept = extractive.short;
        const short = kept && answer.includes(kept) && citations.some((c) => c.quote.includes(kept)) ? kept : null;
        return { ...extractive, answered: true, answer, citations, short };
      } catch (error) {
        options.logger?.warn({ err: (error as Error).message }, "LLM answer rejected; using the extractive answer");
        return extractive;
      }
    },
  };
}

function citationFor(c: Candidate): Omit<Citation, "id" | "quote"> {
  const a = c.result.article;
  return {
    paper: a.paper,
    date: a.date,
    dateInferred: a.dateInferred,
    issue: a.issue,
    page: a.page,
    title: a.title,
    source: a.source,
    ...(a.textFrom === "ocr" ? { ocr: true as const } : {}),
  };
}
