import { type Tag, tagsOf } from "../text/tag-cache.js";
import type { Tokenizer } from "../text/tokenize.js";
import { UNITS, unitClass, type UnitClass } from "./figures.js";

export type NameKind = "person" | "place" | "org";

export type QuestionKind = "quantity" | "time" | "procedure" | "yesno" | "list" | "other";

export interface QuestionAnalysis {
  kind: QuestionKind;
  /** For quantity questions: the unit asked for (家, 辆, %, 元…) when the question names one. */
  unit: string | null;
  unitClass: UnitClass | null;
  /** Places, bodies and companies the answer must be about (奇台县, 准东, 新疆赣能电气科技有限公司). */
  anchors: string[];
  /**
   * A word jieba does not know that opens the question (刘六, 符泳): most often the name it is
   * about. Its article must print some two characters of it (the word may have taken in the
   * character after the name: 黄华麒是). Null when the question opens with a known word.
   */
  subject: string | null;
  /** Figures stated in the question (145个, 5亿元): the source must state them too. */
  givenNumbers: string[];
  /**
   * Quantity questions: the thing measured or counted (企业 in 多少家企业, 满意率 in 满意率是多少).
   * A passage that does not name it does not answer.
   */
  focus: string | null;
  /** The whole phrase the focus ends (报装总容量, 新能源汽车充电桩), for preferring exact matches. */
  focusPhrase: string | null;
  /** The kind of name asked for (谁 → person, 哪里 → place, 哪个单位 → org), or null. */
  wants: NameKind | null;
  /** Says 今年/目前/最近: the reader wants the newest coverage. */
  wantsCurrent: boolean;
  /**
   * A time question that asks for the day or month (哪天, 几月几日, 哪个月): a year alone does
   * not answer it, as it answers 哪一年 and 什么时候.
   */
  asksDay: boolean;
  /**
   * A count question that states a whole in the unit it asks and asks how many of a part
   * (245家企业里，做软件开发的有多少家): the part's own figure answers, not another part's.
   */
  asksPart: boolean;
  /**
   * For a time question, what happened: the last word it says, the asking words aside (开工 in
   * 项目什么时候开工？). A year alone answers it only from a sentence that says this too (not
   * 2025年…总投资3019.8万元); null for a question asking the year (哪一年), which any year answers.
   */
  event: string | null;
  /**
   * The term a question asks to be defined (羊水栓塞 in 什么是羊水栓塞？, 触发式监管 in
   * 触发式监管是什么意思？), or null: a sentence that defines it (羊水栓塞是…) answers.
   */
  defines: string | null;
  /** A request Baoku does not serve (poems, translation, weather…). */
  outOfScope: boolean;
  /** The question as analysed. */
  asked: string;
}

/** Units and measure words a quantity question names after 多少/几: those figures are found by (longer first). */
const UNIT_WORDS = UNITS.filter((u) => !/[%％]/u.test(u)).join("|");
// 哪几座 asks which ones, not how many.
const QUANTITY_UNIT = new RegExp(`(?:多少|(?<!哪)几)(${UNIT_WORDS})`, "u");
const ORDINAL = new RegExp(`第几(${UNIT_WORDS})?`, "u");
const MONEY = /多少钱|投资多少|投入多少|金额|总价值|价值多少|资金多少|多少资金|产值多少|多少产值|补贴多少|成本多少/u;
const PERCENT = /比例|比率|[^多]率|占比|百分之|百分比|增[长速]多少|同比/u;
const DURATION = /多久|多长时间|几天|多少天|需要多少时间|时限/u;
/** 多长 asks for a time where the question speaks of one (借调时间…多长), else for a length (跑道有多长). */
const HOW_LONG = /多长/u;
const TIME_WORD = /时间|期限|时长|周期|工期|期间|任期|多久/u;
const LENGTH_ASKED = /多长|多远|多宽|多高|多深|长度|全长|距离/u;
/** 多大 with 面积 asks an area (面积有多大, 多大面积), as 多长 asks a length. */
const AREA_ASKED = /面积[^，。？?]{0,3}多大|多大(?:的)?面积/u;
const TIME = /什么时候|何时|哪天|哪一天|几月|哪个?月|哪年|哪一年|什么时间|日期|几号|何年|哪个年份|什么年份/u;
const DAY_ASKED = /哪一?天|哪日|几月|几[日号]|哪个?月|什么日子|日期/u;
const PROCEDURE = /怎么办|怎么|如何|怎样|需要什么|要什么|哪些材料|流程|手续|步骤|去哪|在哪/u;
// A-not-A (需不需要, 会不会) asks yes or no, whatever the verb (not the idioms 时不时, 动不动, 见怪不怪).
const YESNO = /能否|是否|可以吗|[能可会要]\S{0,12}吗|有没有|((?![时动怪])\p{Script=Han})不\1/u;
const LIST = /哪些.{0,14}?(?:报道|文章|新闻|消息)|什么报道|相关报道|报道过|报道了哪些/u;
const QUANTITY = new RegExp(`多少|(?<!哪)几(?:${UNIT_WORDS})|数量|规模|总量|总数`, "u");
const CURRENT = /今年|目前|现在|最近|最新|当前|眼下/u;
const OUT_OF_SCOPE = /写[一首篇个段]|作诗|写诗|诗歌|翻译|讲个?笑话|笑话|天气|气温|下雨|你是谁|你叫什么|聊聊天|唱歌|编[一个]?故事|彩票|股票/u;

const PLACE_SUFFIX = /^[\p{Script=Han}]{1,8}(?:自治州|自治县|县|市|州|镇|乡|村|区|盟|开发区)$/u;
const NOT_ANCHOR = new Set([
  "地区",
  "社区",
  "小区",
  "园区",
  "城区",
  "辖区",
  "开发区",
  "全州",
  "全县",
  "全市",
  "本市",
  "该县",
  "我州",
  "各县",
  "市区",
  "县城",
  "城市",
  "山区",
  "矿区",
  "景区",
  "片区",
  "老区",
  "新区",
]);
const COMPANY = /[\p{Script=Han}（）()]{2,24}?(?:有限责任公司|有限公司|集团|研究院|科学院)/gu;
/** Where a company name starts inside a longer phrase: after the last linking word. */
const LINK = /^.*[的和与及在从向对把将给是]/u;
/** The dot of a name written with one (艾尔肯·吐尼亚孜): Chinese writes foreign and minority names so. */
const NAME_DOT = /^[·•・]$/u;
const HAN = /^\p{Script=Han}+$/u;

/**
 * Names written with a dot, as the word before it and two characters after it ("艾尔肯·吐尼"):
 * the word after a name often takes the next character along ("杜普洛因什么而著名").
 */
function dottedNames(question: string, tokenizer: Tokenizer): string[] {
  const words = tokenizer.cut(question);
  const out: string[] = [];
  words.forEach((w, i) => {
    const left = words[i - 1];
    const right = words[i + 1];
    if (NAME_DOT.test(w) && left && right && HAN.test(left) && HAN.test(right)) out.push(`${left}·${right.slice(0, 2)}`);
  });
  return out;
}

/** Longest question looked at; the rest is ignored (bounded time whatever is pasted in). */
export const MAX_QUESTION = 500;

/** A message as shown back: control characters blanked, cut at MAX_QUESTION (with …). */
export function displayOf(message: string): string {
  const clean = message.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, " ");
  return clean.length > MAX_QUESTION ? `${clean.slice(0, MAX_QUESTION)}…` : clean;
}

/** A county-level or smaller place name (奇台县, 昌吉市, 奇台镇, 庄浪户村). */
export const PLACE_NAME = /^[\p{Script=Han}]{1,6}(?:县|市|镇|乡|村)$/u;

/** Words jieba tags as place names (ns), two characters or more. */
function placeWords(text: string, tokenizer: Tokenizer): string[] {
  return tagsOf(text, tokenizer)
    .filter((t) => t.tag === "ns" && t.word.length >= 2)
    .map((t) => t.word);
}

/** The county-level or smaller places a sentence names (奇台县, 呼图壁县…). */
export function placesIn(sentence: string, tokenizer: Tokenizer): string[] {
  return [...new Set(placeWords(sentence, tokenizer).filter((w) => PLACE_NAME.test(w)))];
}

/** Places, bodies and companies named in a question. */
export function findAnchors(question: string, tokenizer: Tokenizer): string[] {
  const anchors = new Set<string>();
  for (const m of question.matchAll(COMPANY)) {
    const name = m[0].replace(LINK, "").replace(/^(?:这家|那家|该)/u, "");
    if (name.length >= 4) anchors.add(name);
  }
  for (const name of dottedNames(question, tokenizer)) anchors.add(name);
  for (const word of placeWords(question, tokenizer)) if (!NOT_ANCHOR.has(word)) anchors.add(word);
  for (const token of tokenizer.cut(question)) {
    if (!NOT_ANCHOR.has(token) && PLACE_SUFFIX.test(token) && token.length >= 3) anchors.add(token);
  }
  // Drop an anchor contained in a longer one (准东 inside 准东开发区).
  return [...anchors].filter((a) => ![...anchors].some((b) => b !== a && b.includes(a)));
}

function unknownSubject(question: string, tokenizer: Tokenizer): string | null {
  const first = tagsOf(question, tokenizer)[0];
  return first && first.tag === "x" && /^\p{Script=Han}{2,}$/u.test(first.word) && !/^[哪几多何谁]/u.test(first.word) ? first.word : null;
}

/** Figures in a question that a supporting text must also contain. */
function givenNumbers(question: string): string[] {
  // 个 of 3个月 or 12个工作日 is part of a duration, not a count of 3.
  return [...question.matchAll(/\d+(?:\.\d+)?(?:[万亿]?元|个(?!多?月|半月|工作日|多?小时|半小时|多?星期)|家|项|件|%)?/gu)].map((m) => m[0]);
}

/** Whether a count question states a whole in its unit, then asks within it (860家企业里…多少家). */
function asksPartOf(question: string, unit: string | null, given: readonly string[]): boolean {
  if (!unit) return false;
  return given.some((n) => n.endsWith(unit) && new RegExp(`${n.replace(/[.%]/gu, "\\$&")}[^，,。？?]{0,10}(?:里|当中|之中|中)`, "u").test(question));
}

const AFTER = new RegExp(`(?:多少|几)(?:${UNIT_WORDS})?([\\p{Script=Han}]{2,14})`, "u");
const BEFORE = /([\p{Script=Han}”]{2,12}?)(?:是|有|达到|达|为|约|大概|大约|一共|共|总共|能|要)*(?:多少|几)/u;
/** A phrase after 多少/几 that is the unit alone (多少亿元？): AFTER took the unit as its phrase. */
const UNIT_ONLY = new RegExp(`^(?:${UNIT_WORDS})$`, "u");
/**
 * Tags of words that say how a quantity is asked, not what is counted: adverbs, prepositions,
 * pronouns and adjectives (年收入分别是多少, 由…变为, 那边一共投了多少, 具体是多少). Not
 * abbreviations (j): 国企, 医保 are counted.
 */
const NOT_THING = /^(?:d|ad|p|r|a)$/u;
/** Words that ask, never the thing counted: 百分之多少 asks for a share. */
const ASKING_WORD = /^(?:多少|一共|总共|现在|目前|今年|已经|大概|大约|实现|达到|百分之|百分比)$/u;
/** Verbs of change: what happened to a measure (增加, 减少, 提高…), not the measure. */
const CHANGE = /^(?:增加|增长|增多|减少|降低|下降|提高|提升|上升|上涨|下跌|缩减|缩小|缩短|扩大|压缩|节约|节省|翻番)$/u;
/** Tags of a word that names a thing (商品房成交金额 → 金额; 投资 is vn). */
const NOUN = /^(?:n[a-z]*|vn|an|l|i|j)$/u;
const FILLER_HEAD = /^(?:的|了|是|有|在|还|都|就|才|呢|吗|啊)+|(?:的|了|呢|吗|啊|呀)+$/gu;

/** The thing a quantity question counts or measures: its head word and its whole phrase. */
function findFocus(question: string, tokenizer: Tokenizer): { head: string; phrase: string } | null {
  const rawAfter = AFTER.exec(question)?.[1];
  // The unit is never the thing counted: in "多少亿元？" the thing is named before (成交金额) —
  // when a noun is named there; else the unit stands (截至目前共有多少人次 counts 人次).
  const unitOnly = rawAfter !== undefined && UNIT_ONLY.test(rawAfter) ? rawAfter : null;
  const after = unitOnly ? undefined : rawAfter?.replace(FILLER_HEAD, "");
  const before = BEFORE.exec(question)?.[1]?.replace(/[“”]/gu, "").replace(FILLER_HEAD, "");
  const pieces = before?.split(/[的了，、？?]/u) ?? [];
  // "做软件开发的具体有多少家": nothing counted after the last 的; the clause before it names them.
  const beforeThe = pieces.length > 1 ? pieces[pieces.length - 2] : undefined;
  const parts: Array<string | undefined> = [after?.split(/[的了，、？?]/u)[0], pieces.at(-1), beforeThe];
  for (const [i, phrase] of parts.entries()) {
    if (!phrase) continue;
    const words = tagsOf(phrase, tokenizer).filter((t) => t.word.length >= 2 && !ASKING_WORD.test(t.word));
    while (words.length && NOT_THING.test(words[words.length - 1]!.tag)) words.pop();
    const last = words[words.length - 1];
    if (i >= 1 && unitOnly && !(last && NOUN.test(last.tag))) break;
    if (!last) continue;
    const phraseTo = phrase.slice(0, phrase.lastIndexOf(last.word) + last.word.length).slice(-8);
    // A verb of change after the thing says what happened to it (总量减少了多少, 占比提高到多少),
    // in words a page may not share (缩减了38%, 提升至): the thing must be named; the phrase keeps the verb.
    const thing = CHANGE.test(last.word) ? changedThing(tagsOf(phrase, tokenizer), last.word) : undefined;
    return { head: thing?.word ?? last.word, phrase: phraseTo };
  }
  return unitOnly ? { head: unitOnly, phrase: unitOnly } : null;
}

/**
 * The noun a verb of change is about: the last before it, and before the base it is compared
 * with (成交面积比去年同期减少: 面积, not 去年同期, nor a time word).
 */
function changedThing(tags: readonly Tag[], verb: string): Tag | undefined {
  const at = tags.map((t) => t.word).lastIndexOf(verb);
  const upTo = tags.slice(0, at < 0 ? tags.length : at);
  const base = upTo.findIndex((t) => t.tag === "p" && /^(?:比|较|与|同|跟)$/u.test(t.word));
  return (base >= 0 ? upTo.slice(0, base) : upTo).filter((t) => t.word.length >= 2 && NOUN.test(t.tag) && !ASKING_WORD.test(t.word)).at(-1);
}

function focusOf(found: { head: string; phrase: string } | null) {
  return { focus: found?.head ?? null, focusPhrase: found?.phrase ?? null };
}

/** Words that ask who someone is (由谁 asks who did it, as often a body as a person). */
export const WHO = /(?<!由)谁|哪一?位|什么人|何人/u;
/** A person's name asked: who, or a 姓名/名字 (which may also name a thing). */
const PERSON = new RegExp(`${WHO.source}|姓名|名字`, "u");
const PLACE = /哪里|哪儿|什么地方|何处|何地|哪个(?:国家|城市|省|地区|地方|县|市)|哪座城市|位于哪/u;
const ORG = /哪(?:个|家|一家|所)(?:单位|部门|公司|机构|组织|企业|学校|大学|团队|银行|医院|媒体)?|什么(?:单位|部门|公司|机构|组织|企业)|由谁/u;

/** The kind of name a question asks for, if any. */
function nameKind(question: string): NameKind | null {
  if (PERSON.test(question) && !/由谁/u.test(question)) return "person";
  if (PLACE.test(question)) return "place";
  if (ORG.test(question) && /单位|部门|公司|机构|组织|企业|学校|大学|团队|银行|医院|媒体|哪家|由谁/u.test(question)) return "org";
  return null;
}

/** Words of a time question that ask, rather than say what happened. */
const ASKING_TIME = /^(?:什么|时候|什么时候|何时|何年|哪年|哪一年|年份|月份|哪天|哪一天|日期|时间|几月|几日|几号|哪个|是在|开始|大约|大概)$/u;
const YEAR_ASKED = /哪一?年|何年|哪个年份|什么年份|几几年/u;

/** What a time question says happened (开工, 成立, 推出): its last word, the asking words aside; null when it asks the year. */
function eventOf(question: string, tokenizer: Tokenizer): string | null {
  if (YEAR_ASKED.test(question)) return null;
  const words = tokenizer.cut(question).filter((w) => w.length >= 2 && /^\p{Script=Han}+$/u.test(w) && !ASKING_TIME.test(w));
  return words.at(-1) ?? null;
}

/**
 * A code is what is asked: the code word right before the question word, which ends the clause
 * (编号是多少？, 热线是多少, 代号是什么号码？); "热线是什么时候成立的" asks a time, "电话是几点接听" an hour.
 */
const CODE_WORDS = "编号|刊号|号码|电话|代码|代号|邮编|热线";
const CODE_ASKED = new RegExp(`(?:${CODE_WORDS})(?:号码)?(?:是|为|叫)?(?:多少|什么|几)(?:号|号码)?(?=[？?。，,！!\\s]|$)`, "u");
const CODE_WORD = new RegExp(`^(?:${CODE_WORDS})`, "u");
const CODE_END = new RegExp(`(?:${CODE_WORDS})$`, "u");

/**
 * The label of an asked code when a word qualifies the code word (广告热线, 邮发代号, 统一刊号;
 * 新闻热线电话 is 新闻热线): another label's code (新闻热线 for 广告热线) does not answer it. Null
 * for a bare code word (电话是多少, 热线的号码是多少, 12345热线电话), where the word before
 * names whose code it is, not which (昌吉日报刊号, 报社电话: a paper, body or place), and where it
 * is a word jieba does not know (most often a mis-cut).
 */
function codeLabel(question: string, tokenizer: Tokenizer): { head: string; phrase: string } | null {
  const at = CODE_ASKED.exec(question);
  if (!at) return null;
  let code = CODE_WORD.exec(at[0])![0];
  const words = tokenizer.cut(question.slice(0, at.index));
  let qualifier = words.pop();
  // 新闻热线电话: the code word before the asked one is the label's own (新闻热线, or 新闻 + 热线).
  const own = qualifier ? CODE_END.exec(qualifier) : null;
  if (qualifier && own) {
    code = own[0];
    qualifier = qualifier.length > code.length ? qualifier.slice(0, -code.length) : words.pop();
  }
  if (!qualifier || qualifier.length < 2 || !HAN.test(qualifier) || /报社?$/u.test(qualifier)) return null;
  // A name says whose code it is; an unknown word is most often a mis-cut (羊是 in "…模型羊是编号是多少").
  if (/^(?:nt|ns|nz|nr|x)/u.test(tagsOf(qualifier, tokenizer)[0]?.tag ?? "")) return null;
  const label = `${qualifier}${code}`;
  return { head: label, phrase: label };
}

/** 什么是X？, 什么叫X？, X是什么意思？, X指的是什么？: a question asking what a term means. */
const DEFINITION = /^(?:请问)?什么(?:是|叫做?)(.{1,20}?)[？?]?$|^(.{1,20}?)(?:是什么意思|指的?是什么|是指什么)[？?]?$/u;

/** The term a question asks the meaning of, its quotation marks taken off; null when it asks no definition. */
function definedTerm(question: string): string | null {
  const m = DEFINITION.exec(question.trim());
  const term = (m?.[1] ?? m?.[2])?.replace(/^[“"‘']|[”"’']$/gu, "");
  return term && term.length >= 2 && !/[“”"，,、和与]/u.test(term) ? term : null;
}

/** What kind of answer a question wants, and what the answer must be about. Pure. */
export function analyzeQuestion(question: string, tokenizer: Tokenizer): QuestionAnalysis {
  const unitMatch = QUANTITY_UNIT.exec(question);
  const given = givenNumbers(question);
  let kind: QuestionKind = "other";
  let unit: string | null = unitMatch?.[1] ?? null;
  let cls: UnitClass | null = null;
  const ordinal = ORDINAL.exec(question);
  if (LIST.test(question)) kind = "list";
  // 第几 asks a place in an order (排第几位, 第几张专辑): a figure printed after 第, whatever it counts.
  else if (ordinal) {
    kind = "quantity";
    cls = "ordinal";
    unit = ordinal[1] ?? null;
  }
  // 几月几日 names a day, not a number of days.
  else if (/几月几[日号]/u.test(question)) {
    kind = "time";
    unit = null;
  }
  // "多少个话务员在接电话": a measure word on the question word says it counts, whatever else it names.
  else if (!unitMatch && !YESNO.test(question) && CODE_ASKED.test(question)) {
    kind = "quantity";
    cls = "code";
  } else if (DURATION.test(question) || (HOW_LONG.test(question) && TIME_WORD.test(question))) {
    kind = "quantity";
    cls = "duration";
  } else if (!unitMatch && AREA_ASKED.test(question)) {
    kind = "quantity";
    cls = "area";
  } else if (!unitMatch && LENGTH_ASKED.test(question) && !TIME_WORD.test(question)) {
    kind = "quantity";
    cls = "length";
  } else if (unitMatch || QUANTITY.test(question) || MONEY.test(question) || PERCENT.test(question)) {
    kind = "quantity";
    if (MONEY.test(question) && !unit) cls = "money";
    else if (PERCENT.test(question) && !unit) cls = "percent";
  } else if (TIME.test(question)) kind = "time";
  else if (YESNO.test(question)) kind = "yesno";
  else if (PROCEDURE.test(question)) kind = "procedure";
  if (unit && !cls) cls = unitClass(unit);
  if (cls === "duration") unit = null;
  const focused = focusOf(
    kind !== "quantity" || cls === "duration" || cls === "ordinal" ? null : cls === "code" ? codeLabel(question, tokenizer) : findFocus(question, tokenizer),
  );
  return {
    kind,
    unit,
    unitClass: cls,
    anchors: findAnchors(question, tokenizer),
    subject: unknownSubject(question, tokenizer),
    givenNumbers: given,
    ...focused,
    wants: kind === "other" || kind === "yesno" ? nameKind(question) : null,
    wantsCurrent: CURRENT.test(question),
    asksDay: kind === "time" && DAY_ASKED.test(question),
    asksPart: kind === "quantity" && focused.focus !== null && asksPartOf(question, unit, given),
    event: kind === "time" ? eventOf(question, tokenizer) : null,
    defines: kind === "other" ? definedTerm(question) : null,
    outOfScope: OUT_OF_SCOPE.test(question),
    asked: question,
  };
}
