import { basename, dirname } from "node:path";
import type { PageMeta } from "./types.js";

const NAME = /^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?(?=[_.\s-]|$)/;
const PAGE = /_(?:第)?0*(\d{1,2})版/;
const ISSUE = /_(?:总第?|第)?(\d{3,6})期/;
const PAPER_DIR = /^[\p{Script=Han}]{2,10}(?:日报|晚报|报)$/u;

/**
 * Metadata from the file-name convention `<报名>/<YYYY-MM-DD 或 YYYY-MM>[_NN版][_总N期][_说明].txt`,
 * for example `昌吉日报/2025-12-23_01版_总12403期.txt`. Dates read from a name are taken as
 * certain: a newsroom that is not sure says so in the front matter. Pure.
 */
export function metaFromFileName(path: string): Partial<PageMeta> {
  const name = basename(path).replace(/\.[^.]+$/, "");
  const meta: Partial<PageMeta> = {};
  const folder = basename(dirname(path));
  if (PAPER_DIR.test(folder)) meta.paper = folder;
  const date = NAME.exec(name);
  if (date) {
    meta.date = date[3] ? `${date[1]}-${date[2]}-${date[3]}` : `${date[1]}-${date[2]}`;
    meta.dateInferred = false;
  }
  const page = PAGE.exec(name);
  if (page) meta.page = Number(page[1]);
  const issue = ISSUE.exec(name);
  if (issue) meta.issue = Number(issue[1]);
  return meta;
}
