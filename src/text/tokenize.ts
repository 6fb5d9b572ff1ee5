import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

/**
 * Local place and body names jieba's stock dictionary splits wrongly (准东 → 准/东). An operator adds
 * more in `corpus/userdict.txt` (one word a line, optional frequency), see README.
 */
export const LOCAL_WORDS = [
  "昌吉", "昌吉州", "昌吉市", "昌吉日报", "准东", "准东开发区", "五彩湾", "吉木萨尔", "吉木萨尔县", "呼图壁",
  "呼图壁县", "玛纳斯", "玛纳斯县", "奇台", "奇台县", "奇台镇", "木垒", "木垒县", "阜康", "阜康市", "12345",
  "老君庙", "别勒站", "将淖铁路", "北庭镇", "庄浪户村", "凉州户镇", "六工镇", "阿什里乡", "昌吉高新区",
  "三色清单", "红码", "黄码", "绿码", "代表恳谈日", "孵化基地", "营商环境", "注册登记", "借调", "重卡",
  "新能源", "州长信箱", "便民热线", "政务服务", "开户许可证", "营业执照", "固定资产投资", "开复工",
  "保障性住房", "机械化清扫率", "雨量站", "煤改气", "基因编辑", "数字档案馆", "专精特新", "苗木",
];

/** Whether a token carries meaning for matching (not punctuation, not white space). */
export function isContentToken(token: string): boolean {
  return /[\p{L}\p{N}]/u.test(token);
}

const STOP = new Set(
  "的 了 和 与 及 在 是 有 也 都 就 对 将 把 被 从 为 以 等 这 那 其 之 并 或 而 又 还 让 给 向 到 于 中 上 下 个 们 着 过 吗 呢 吧 啊 呀 么 什么 多少 怎么 怎样 如何 哪些 哪个 几 是否 能否 可以 一 年 月 日 我 你 他 她 它 我们 你们 他们".split(" "),
);

/** Words too common to tell two passages apart. */
export function isStopword(token: string): boolean {
  return STOP.has(token);
}

export interface Tokenizer {
  /** jieba's precise cut (HMM on): every token, punctuation included. */
  cut(text: string): string[];
  /** Search-mode cut, lower-cased, content tokens only: what indexes and overlap use. */
  terms(text: string): string[];
}

/**
 * A jieba tokenizer with the stock dictionary plus `LOCAL_WORDS` and `extraWords`. Loading the
 * dictionary takes ~150 ms, so callers keep one (see `defaultTokenizer`).
 */
export function createTokenizer(extraWords: readonly string[] = []): Tokenizer {
  const jieba = Jieba.withDict(dict);
  const words = [...LOCAL_WORDS, ...extraWords].filter((w) => w.trim().length > 0);
  jieba.loadDict(Buffer.from(words.map((w) => `${w.trim()} 200000 n`).join("\n")));
  return {
    cut: (text) => jieba.cut(text, true),
    terms: (text) =>
      jieba
        .cutForSearch(text, true)
        .map((t) => t.toLowerCase())
        .filter((t) => isContentToken(t) && !isStopword(t)),
  };
}

let shared: Tokenizer | undefined;
let sharedKey = "";

/** A process-wide tokenizer, rebuilt only when `extraWords` change. Created on first use. */
export function defaultTokenizer(extraWords: readonly string[] = []): Tokenizer {
  const key = extraWords.join("\n");
  if (!shared || key !== sharedKey) {
    shared = createTokenizer(extraWords);
    sharedKey = key;
  }
  return shared;
}
