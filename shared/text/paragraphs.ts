/**
 * Splitting an article into paragraphs, one per line, for rendering and for per-paragraph
 * span buckets. Every character except the line terminators belongs to exactly one
 * paragraph, so a span offset always maps to a paragraph (or to a terminator between two).
 *
 * OFFSET CONTRACT: offsets are UTF-16 code units (JavaScript string indices), `start`
 * inclusive and `end` exclusive. Terminators (\r\n, \n, \r) are never inside a range.
 */

export interface ParagraphRange {
  start: number;
  end: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * One range per line, in order, empty lines included: n terminators give n + 1 ranges, so
 * "" gives one empty range and a trailing newline gives a final empty range. "\r\n" is one
 * terminator (as in Windows text); a lone "\r" (old Mac text) is one too.
 */
export function splitParagraphs(text: string): ParagraphRange[] {
  const paragraphs: ParagraphRange[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== LF && code !== CR) continue;
    paragraphs.push({ start, end: i });
    if (code === CR && text.charCodeAt(i + 1) === LF) i++;
    start = i + 1;
  }
  paragraphs.push({ start, end: text.length });
  return paragraphs;
}
