import { AppError } from "../errors.js";

/**
 * Decodes a page file: UTF-8 (with or without BOM), else GB18030 (which covers GBK and GB2312).
 * @throws AppError `corpus:unreadable` for an empty file, a binary file, or bytes that are text in
 * neither encoding; the detail names the path and the reason.
 */
export function decodePage(bytes: Uint8Array, path: string): string {
  if (bytes.length === 0) throw new AppError("corpus:unreadable", `${path}：文件为空`);
  if (bytes.subarray(0, 8192).includes(0)) throw new AppError("corpus:unreadable", `${path}：二进制文件，不是文本`);
  try {
    return nonEmpty(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""), path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // not UTF-8: try the Chinese national encoding
  }
  let text: string;
  try {
    text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new AppError("corpus:unreadable", `${path}：既不是 UTF-8 也不是 GB18030/GBK 编码`, { cause });
  }
  // Random bytes often "decode" as GB18030; real Chinese text is mostly common Han characters.
  const chars = [...text];
  const han = chars.filter((c) => /[\u4e00-\u9fa5]/.test(c)).length;
  const controls = chars.filter((c) => /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/.test(c)).length;
  if (controls > chars.length * 0.01 || han < chars.filter((c) => c.charCodeAt(0) > 0x7f).length * 0.6) {
    throw new AppError("corpus:unreadable", `${path}：编码无法识别（不像中文文本）`);
  }
  return nonEmpty(text, path);
}

function nonEmpty(text: string, path: string): string {
  if (text.trim() === "") throw new AppError("corpus:unreadable", `${path}：文件为空（只有空白）`);
  return text;
}
