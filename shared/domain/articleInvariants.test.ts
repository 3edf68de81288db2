import { describe, expect, it } from 'vitest';
import { articleProblems, spanExtentProblem } from './articleInvariants';
import type { Article, Span, Statement } from './model';

const T = '2026-01-01T00:00:00.000Z';
const span = (id: string, start: number, end: number, extra: Partial<Span> = {}): Span => ({
  id, labelId: 'actor', start, end, annotator: 'a', createdAt: T, updatedAt: T, ...extra,
});
const statement = (id: string, actorSpanId: string, claimSpanId: string, stanceSpanId?: string): Statement => ({
  id, actorSpanId, claimSpanId, polarity: 'support', annotator: 'a', createdAt: T, updatedAt: T, ...(stanceSpanId ? { stanceSpanId } : {}),
});
// "🇮🇷 ایران" : the flag is two astral code points (0-1 and 2-3 in UTF-16), then a space and Persian.
const TEXT = '🇮🇷 ایران گفت';

describe('spanExtentProblem', () => {
  it('accepts spans on whole characters inside the text', () => {
    expect(spanExtentProblem(TEXT, { start: 0, end: 4 })).toBeUndefined();
    expect(spanExtentProblem(TEXT, { start: 5, end: TEXT.length })).toBeUndefined();
    expect(spanExtentProblem(TEXT, { start: 0, end: 14, fragments: [{ start: 0, end: 2 }, { start: 5, end: 14 }] })).toBeUndefined();
  });

  it('names what is wrong: reversed, empty, past the end, splitting a surrogate pair, bad fragments', () => {
    expect(spanExtentProblem(TEXT, { start: 5, end: 3 })).toBe('is reversed (end 3 before start 5, in UTF-16 units)');
    expect(spanExtentProblem(TEXT, { start: 5, end: 5 })).toBe('is empty (start and end are both 5, in UTF-16 units)');
    expect(spanExtentProblem(TEXT, { start: 5, end: 99 })).toBe(`ends at 99, beyond the text (${TEXT.length} UTF-16 units)`);
    expect(spanExtentProblem(TEXT, { start: 1, end: 4 })).toMatch(/^has offset 1, which splits a surrogate pair/);
    expect(spanExtentProblem(TEXT, { start: 0, end: 3 })).toMatch(/^has offset 3, which splits a surrogate pair/);
    expect(spanExtentProblem(TEXT, { start: 0, end: 14, fragments: [{ start: 0, end: 3 }, { start: 5, end: 14 }] })).toMatch(/offset 3, which splits/);
    expect(spanExtentProblem(TEXT, { start: 0, end: 14, fragments: [{ start: 5, end: 14 }, { start: 0, end: 2 }] })).toMatch(/fragments that are not sorted/);
    expect(spanExtentProblem(TEXT, { start: -1, end: 2 })).toMatch(/not non-negative integers/);
  });
});

describe('articleProblems', () => {
  const article = (spans: Span[], statements: Statement[] = []) => ({ text: TEXT, spans, statements }) satisfies Pick<Article, 'text' | 'spans' | 'statements'>;

  it('is empty for an article that keeps every invariant', () => {
    expect(articleProblems(article([span('s1', 0, 4), span('s2', 5, 9)], [statement('st1', 's1', 's2')]))).toEqual([]);
  });

  it('lists each broken invariant naming the span or statement and its offsets', () => {
    const problems = articleProblems(
      article(
        [span('s1', 0, 4), span('s2', 5, 40), span('s1', 6, 8), span('s3', 2, 3)],
        [statement('st1', 's1', 'gone'), statement('st1', 's1', 's3', 'nope')],
      ),
      10,
    );
    expect(problems).toEqual([
      `span s2 (5-40) ends at 40, beyond the text (${TEXT.length} UTF-16 units)`,
      'span id s1 appears twice (6-8)',
      'span s3 (2-3) has offset 3, which splits a surrogate pair (a character such as an emoji would be cut in half)',
      'statement st1 refers to missing claim span gone',
      'statement id st1 appears twice',
      'statement st1 refers to missing stance span nope',
    ]);
  });

  it('stops after the first few problems', () => {
    const spans = Array.from({ length: 50 }, (_, i) => span(`s${i}`, 1, 2));
    expect(articleProblems(article(spans))).toHaveLength(5);
    expect(articleProblems(article(spans), 2)).toEqual([
      'span s0 (1-2) has offset 1, which splits a surrogate pair (a character such as an emoji would be cut in half)',
      'span s1 (1-2) has offset 1, which splits a surrogate pair (a character such as an emoji would be cut in half)',
    ]);
  });
});
