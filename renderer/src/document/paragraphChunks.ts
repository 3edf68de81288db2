/**
 * Paragraphs are rendered in chunks of CHUNK_SIZE, and `content-visibility: auto` is set on
 * the chunks rather than on every paragraph: Chromium tracks each content-visibility element
 * with an internal intersection observer, and thousands of them (a 1 MB article has ~5,000
 * lines) cost more per frame than the skipped layout saves. A chunk's intrinsic size is
 * estimated from its text so the scrollbar is right before it is first laid out.
 */
import { paragraphAt, type TextRange } from '../session/paragraphBuckets';

export const CHUNK_SIZE = 16;

export function chunkCount(paragraphCount: number): number {
  return Math.ceil(paragraphCount / CHUNK_SIZE);
}

/** The chunk that holds a paragraph. */
export function chunkOfParagraph(index: number): number {
  return Math.floor(index / CHUNK_SIZE);
}

/** The chunk that holds a text offset (UTF-16 code units), given the paragraphs' ranges. */
export function chunkAtOffset(paragraphs: readonly TextRange[], offset: number): number {
  return chunkOfParagraph(paragraphAt(paragraphs, offset));
}

/** The paragraphs [from, to) of a chunk. */
export function chunkParagraphs(chunk: number, paragraphCount: number): { from: number; to: number } {
  const from = chunk * CHUNK_SIZE;
  return { from, to: Math.min(paragraphCount, from + CHUNK_SIZE) };
}

/** The paragraph element for a paragraph index, given the text region's root element. */
export function paragraphElement(root: Element, index: number): Element | undefined {
  return root.children[chunkOfParagraph(index)]?.children[index % CHUNK_SIZE];
}

/** Estimated height in em of paragraphs [from, to): ~70 characters a line, 1.7em a line, 0.85em between. */
export function estimatedHeightEm(paragraphs: readonly TextRange[], from: number, to: number): number {
  let em = 0;
  for (let i = from; i < to; i++) {
    const len = paragraphs[i].end - paragraphs[i].start;
    em += len === 0 ? 0.35 : Math.ceil(len / 70) * 1.7 + 0.85;
  }
  return Math.max(1, Math.round(em));
}
