/**
 * Generated benchmark corpora: a long article with many (overlapping) spans, and many small
 * articles. Deterministic (seeded), so figures are comparable between runs.
 */
import { nowIso, type Article, type Span } from '../shared/domain/model';
import { seededRandom } from '../shared/domain/seededRandom';

/** The shared seeded generator (shared/domain/seededRandom.ts), under the name the benches use. */
export const prng = seededRandom;

const WORDS = (
  'the minister said talks on the constitutional committee would continue in geneva while officials denounced ' +
  'foreign presence and voiced support for humanitarian aid to all parts of the country given the pandemic ' +
  'Khaji Endo Tehran Tokyo Astana process guarantor states ceasefire negotiations café naïve وزير خارجه ایران 🇯🇵 🐱'
).split(' ');

/** ~`bytes` UTF-16 units of text in paragraphs of 300–900 characters. */
export function generateText(bytes: number, seed = 1): string {
  const rand = prng(seed);
  const paragraphs: string[] = [];
  let total = 0;
  while (total < bytes) {
    const target = 300 + Math.floor(rand() * 600);
    const words: string[] = [];
    let len = 0;
    while (len < target) {
      const w = WORDS[Math.floor(rand() * WORDS.length)];
      words.push(w);
      len += w.length + 1;
    }
    const p = words.join(' ') + '.';
    paragraphs.push(p);
    total += p.length + 1;
  }
  return paragraphs.join('\n');
}

/** `count` spans on word boundaries; about a fifth overlap or nest in another span. */
export function generateSpans(text: string, count: number, seed = 2): Span[] {
  const rand = prng(seed);
  const wordStarts: number[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) wordStarts.push(m.index);
  const wordEnd = (start: number) => {
    let e = start;
    while (e < text.length && !/\s/.test(text[e])) e++;
    return e;
  };
  const labels = ['actor', 'stance', 'claim'];
  const now = nowIso();
  const spans: Span[] = [];
  for (let i = 0; i < count; i++) {
    const w = Math.floor(rand() * (wordStarts.length - 8));
    const len = 1 + Math.floor(rand() * (rand() < 0.2 ? 8 : 3));
    const start = wordStarts[w];
    const end = wordEnd(wordStarts[Math.min(w + len - 1, wordStarts.length - 1)]);
    spans.push({ id: `b${i}`, labelId: labels[i % 3], start, end, annotator: 'bench', createdAt: now, updatedAt: now });
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
}

export function generateArticle(id: string, textBytes: number, spanCount: number, seed = 1): Article {
  const text = generateText(textBytes, seed);
  const now = nowIso();
  return {
    id,
    title: `Generated article ${id}`,
    source: 'benchmark',
    status: spanCount ? 'in_progress' : 'not_started',
    createdAt: now,
    updatedAt: now,
    text,
    spans: generateSpans(text, spanCount, seed + 1),
    statements: [],
  };
}
