import type { Context, NextFunction } from "grammy";

/** Counts updates being handled, so a shutdown can wait for answers in flight. */
export interface InFlight {
  middleware(ctx: Context, next: NextFunction): Promise<void>;
  size(): number;
  /** Resolves true when nothing is in flight, or false when `milliseconds` pass first. */
  drain(milliseconds: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  let count = 0;
  const idle: Array<() => void> = [];
  return {
    async middleware(_ctx, next) {
      count++;
      try {
        await next();
      } finally {
        if (--count === 0) for (const resolve of idle.splice(0)) resolve();
      }
    },
    size: () => count,
    drain(milliseconds) {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), milliseconds);
        idle.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
