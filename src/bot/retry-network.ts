import { HttpError, type Transformer } from "grammy";

export interface NetworkRetry {
  /** Further attempts after a dropped connection. */
  attempts: number;
  /** Wait before the first further attempt; doubled each time (milliseconds). */
  delayMs: number;
}

/** A reply lost to a dropped connection is sent again, twice at most, 1 s then 2 s later. */
export const NETWORK_RETRY: NetworkRetry = { attempts: 2, delayMs: 1000 };

/**
 * Retries outgoing Bot API calls whose connection dropped (grammY's HttpError) a bounded number
 * of times. getUpdates is left to the runner, which retries polling itself. A dropped reply may
 * have reached Telegram before the connection broke: a rare duplicate is better than a lost
 * answer.
 */
export function retryNetworkErrors(options: NetworkRetry = NETWORK_RETRY): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || method === "getUpdates" || attempt >= options.attempts || signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, options.delayMs * 2 ** attempt));
      }
    }
  };
}
