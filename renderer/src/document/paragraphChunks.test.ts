import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, chunkAtOffset, chunkCount, chunkOfParagraph, chunkParagraphs } from './paragraphChunks';

// 40 paragraphs of 10 code units each, one newline between them.
const paragraphs = Array.from({ length: 40 }, (_, i) => ({ start: i * 11, end: i * 11 + 10 }));

describe('paragraph chunks', () => {
  it('puts CHUNK_SIZE paragraphs in a chunk, the last one holding the rest', () => {
    expect(chunkCount(40)).toBe(Math.ceil(40 / CHUNK_SIZE));
    expect(chunkParagraphs(0, 40)).toEqual({ from: 0, to: CHUNK_SIZE });
    const last = chunkCount(40) - 1;
    expect(chunkParagraphs(last, 40)).toEqual({ from: last * CHUNK_SIZE, to: 40 });
  });

  it('finds the chunk of a paragraph and of a text offset', () => {
    expect(chunkOfParagraph(CHUNK_SIZE - 1)).toBe(0);
    expect(chunkOfParagraph(CHUNK_SIZE)).toBe(1);
    expect(chunkAtOffset(paragraphs, 0)).toBe(0);
    expect(chunkAtOffset(paragraphs, CHUNK_SIZE * 11 + 3)).toBe(1);
    expect(chunkAtOffset(paragraphs, 39 * 11 + 9)).toBe(chunkOfParagraph(39));
  });
});
