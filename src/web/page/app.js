// 报库 web page: a thin shell over POST /api/ask. It only shows what the API returns; every
// answer, citation and follow-up is decided by the server, as for the bot and the console.
// Archive text and questions only ever go into the page as text (textContent, text nodes):
// never as HTML. Loaded as a module: strict, and nothing leaks into the global scope.

const state = { conversation: null, busy: false };

/** An element with attributes and children (strings become text nodes, never HTML). */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** As src/answer/citation.ts formatDate: 2025年12月23日, 2025年7月（推定）, 日期不详. */
function formatDate(date, inferred) {
  if (!date) return "日期不详";
  const [y, m, d] = date.split("-");
  const text = d ? `${y}年${Number(m)}月${Number(d)}日` : m ? `${y}年${Number(m)}月` : `${y}年`;
  return inferred ? `${text}（推定）` : text;
}

/**
 * The citation line, field by field, reading as src/answer/citation.ts formatCitation does:
 * 《昌吉日报》2025年12月23日 第12403期 第1版《标题》; an unknown issue or page is left out; a page
 * read by OCR ends with （识别文本，请以原版为准）.
 */
function citationFields(c) {
  const fields = [
    el("span", { "data-field": "paper" }, `《${c.paper ?? "报名不详"}》`),
    el("span", { "data-field": "date" }, formatDate(c.date, c.dateInferred)),
  ];
  if (c.issue !== null) fields.push(" ", el("span", { "data-field": "issue" }, `第${c.issue}期`));
  if (c.page !== null) fields.push(" ", el("span", { "data-field": "page" }, `第${c.page}版`));
  fields.push(el("span", { "data-field": "title" }, c.title ? `《${c.title}》` : "（无标题）"));
  // A page read by OCR: as src/answer/citation.ts OCR_NOTE, so that a reader checks the scan.
  if (c.ocr) fields.push(el("span", { "data-field": "ocr" }, "（识别文本，请以原版为准）"));
  return fields;
}

/** One citation: the line always shown; the quote and the file open on a click. */
function renderCitation(c) {
  return el(
    "li",
    {},
    el(
      "details",
      { class: "citation", "data-role": "citation", "data-id": String(c.id) },
      el("summary", {}, el("span", { class: "marker" }, `[${c.id}]`), " ", ...citationFields(c)),
      el("blockquote", { class: "quote", "data-role": "quote" }, c.quote),
      el("p", { class: "source" }, `文件：${c.source}`),
    ),
  );
}

/** The answer text with the exact answer (`short`) marked where it first stands. */
function answerText(answer, short) {
  const p = el("p", { class: "answer-text", "data-role": "answer-text" });
  const at = short ? answer.indexOf(short) : -1;
  if (at < 0) p.append(document.createTextNode(answer));
  else p.append(document.createTextNode(answer.slice(0, at)), el("mark", {}, short), document.createTextNode(answer.slice(at + short.length)));
  return p;
}

function renderAnswer(result) {
  const item = el("li", {
    class: `turn answer${result.answered ? "" : " refused"}`,
    "data-role": "answer",
    "data-answered": String(result.answered),
  });
  // Not above an answer citing more than one quote (a list of reports, two parts cited apart),
  // where one figure first would read as the whole answer: shortShown in src/answer/ambiguity.ts.
  if (result.short && result.citations.length === 1)
    item.append(el("p", { class: "short", "data-role": "short" }, el("span", { class: "visually-hidden" }, "答案："), result.short));
  item.append(answerText(result.answer, result.short));
  if (result.citations.length > 0) item.append(el("ol", { class: "citations", "aria-label": "出处" }, ...result.citations.map(renderCitation)));
  return item;
}

function show(item) {
  document.getElementById("log").append(item);
  item.scrollIntoView({ block: "nearest" });
}

/** Sends a question in the current conversation and shows its answer (or what went wrong). */
async function ask(question) {
  const text = question.trim();
  if (!text || state.busy) return;
  state.busy = true;
  const box = document.getElementById("question");
  const send = document.getElementById("send");
  send.disabled = true;
  box.value = "";
  fitBox();
  // The welcome and its examples are for starting; the conversation needs the room (phones).
  document.getElementById("welcome").hidden = true;
  show(el("li", { class: "turn question", "data-role": "question" }, text));
  const pending = el("li", { class: "turn pending", "data-role": "pending" }, "正在查阅报纸……");
  show(pending);
  try {
    const response = await fetch("/api/ask", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(state.conversation ? { question: text, conversation: state.conversation } : { question: text }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok || !body || body.error) {
      pending.replaceWith(errorItem(body?.error?.message ?? `服务器出错（${response.status}），请稍后再试。`));
      return;
    }
    state.conversation = body.conversation;
    pending.replaceWith(renderAnswer(body));
  } catch (error) {
    const slow = error instanceof DOMException && error.name === "TimeoutError";
    pending.replaceWith(errorItem(slow ? "报库服务器太久没有回答，请稍后再试。" : "连接不上报库服务器，请检查网络后重试。"));
  } finally {
    state.busy = false;
    send.disabled = false;
    if (matchMedia("(pointer: fine)").matches) box.focus();
  }
}

function errorItem(message) {
  return el("li", { class: "turn error", "data-role": "error", role: "alert" }, message);
}

/** The question box grows with its text, up to a few lines. */
function fitBox() {
  const box = document.getElementById("question");
  box.style.height = "auto";
  box.style.height = `${box.scrollHeight + 2}px`;
}

async function showAbout() {
  try {
    const response = await fetch("/api/about");
    if (!response.ok) return;
    const about = await response.json();
    const papers = about.papers.map((p) => `《${p}》`).join("") || "报纸";
    document.getElementById("coverage").textContent =
      `馆藏：${papers}${formatDate(about.from, false)}至${formatDate(about.to, false)}，${about.pages} 个版面、${about.articles} 篇文章。`;
    const list = document.getElementById("examples");
    for (const question of about.examples) {
      const button = el("button", { type: "button", "data-role": "example" }, question);
      button.addEventListener("click", () => ask(question));
      list.append(el("li", {}, button));
    }
  } catch {
    // The page works without the coverage line and the examples.
  }
}

function start() {
  const form = document.getElementById("ask");
  const box = document.getElementById("question");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ask(box.value);
  });
  box.addEventListener("keydown", (event) => {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an input method's candidate
    // (拼音, 五笔) is not a send.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    ask(box.value);
  });
  box.addEventListener("input", fitBox);
  document.getElementById("new-chat").addEventListener("click", () => {
    state.conversation = null;
    document.getElementById("log").replaceChildren();
    document.getElementById("welcome").hidden = false;
    box.focus();
  });
  showAbout();
  // Not on a phone: focusing there would pop the keyboard up over the welcome.
  if (matchMedia("(pointer: fine)").matches) box.focus();
}

start();
