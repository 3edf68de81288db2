/**
 * The doccano export checked against ports of what doccano itself does with the file, not our
 * reading of its documentation:
 * - importing (doccano v1.8.5, backend/data_import/pipeline/labels.py `Spans.clean` and
 *   label.py `SpanLabel` / `RelationLabel.create`): offsets are stored as the numbers given;
 *   without "Allow overlapping spans" overlapping spans are dropped, and a relation to a dropped
 *   span raises KeyError, which stops the import;
 * - showing (v-annotator 0.1.28, the version doccano v1.8.5's frontend pins:
 *   src/domain/models/Label/Text.ts and Entity.ts `Entities.valueOf`): in grapheme mode an offset
 *   is a cluster index of grapheme-splitter 1.0.4's `splitGraphemes`, turned into a JavaScript
 *   string index by summing the clusters' lengths; otherwise it is the string index itself.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { doccanoCodec } from './doccano';
import { oneSpanPerOverlapGroup } from './doccanoOverlap';
import { exportContext, exportFiles, makeArticle } from './testing/articles';
import { TRICKY_PIECES, textWithSpans } from './testing/arbitraries';
import { legacyGraphemeStarts, splitLegacyGraphemes } from '../text/legacyGraphemes';
import type { Article } from '../domain/model';

interface DoccanoEntity {
  id: number;
  label: string;
  start_offset: number;
  end_offset: number;
}
interface DoccanoRelation {
  from_id: number;
  to_id: number;
  type: string;
}
interface DoccanoRecord {
  text: string;
  entities: DoccanoEntity[];
  relations: DoccanoRelation[];
}

/** v-annotator's `Text` g2c map and `Entities.valueOf`: the text an entity shows. */
function shownText(text: string, entity: DoccanoEntity, graphemeMode: boolean): string | undefined {
  if (!graphemeMode) return text.substr(entity.start_offset, entity.end_offset - entity.start_offset);
  const g2c = new Map<number, number>();
  let total = 0;
  const graphemes = splitLegacyGraphemes(text);
  graphemes.forEach((g, i) => {
    g2c.set(i, total);
    total += g.length;
  });
  g2c.set(graphemes.length, total);
  const start = g2c.get(entity.start_offset);
  const end = g2c.get(entity.end_offset);
  return start === undefined || end === undefined ? undefined : text.substr(start, end - start);
}

/**
 * doccano's import of one `entities`/`relations` record into a project: `Spans.clean` (sorted by
 * start, stable; without overlapping allowed, a span is kept when it starts at or after the end
 * of the last kept one), then each relation's `id_to_span[(from_id, …)]` lookup, which raises
 * KeyError for a span clean dropped.
 */
function doccanoImport(record: DoccanoRecord, allowOverlapping: boolean): { spans: DoccanoEntity[]; relations: number } {
  for (const e of record.entities) if (!(e.start_offset < e.end_offset)) throw new Error('start_offset must be less than end_offset.');
  let spans = record.entities;
  if (!allowOverlapping) {
    spans = [];
    let lastOffset = -1;
    for (const e of [...record.entities].sort((a, b) => a.start_offset - b.start_offset)) {
      if (e.start_offset >= lastOffset) {
        lastOffset = e.end_offset;
        spans.push(e);
      }
    }
  }
  const ids = new Set(spans.map((s) => s.id));
  for (const r of record.relations) for (const id of [r.from_id, r.to_id]) if (!ids.has(id)) throw new Error(`KeyError: (${id}, example_uuid)`);
  return { spans, relations: record.relations.length };
}

const records = (articles: Article[], options = {}, warnings?: string[]) =>
  exportFiles(doccanoCodec, articles, exportContext(options, warnings))
    .get('')!
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as DoccanoRecord);

/** Texts with the pieces doccano's splitter and Intl.Segmenter cut differently, spans on doccano's cluster boundaries. */
const textWithLegacySpans = fc
  .array(fc.constantFrom(...TRICKY_PIECES, '😮‍💨', '❤️‍🔥', 'a🏽', 'क्षि', '👩‍💻'), { minLength: 2, maxLength: 30 })
  .map((pieces) => pieces.join(''))
  .chain((text) => {
    const bounds = [...legacyGraphemeStarts(text), text.length];
    const span = fc
      .tuple(fc.integer({ min: 0, max: bounds.length - 1 }), fc.integer({ min: 0, max: bounds.length - 1 }), fc.constantFrom('actor', 'claim'))
      .filter(([i, j]) => i !== j)
      .map(([i, j, labelId]) => ({ labelId, start: bounds[Math.min(i, j)], end: bounds[Math.max(i, j)] }));
    return fc.record({ text: fc.constant(text), spans: fc.array(span, { maxLength: 6 }) });
  });

const coveredTexts = (a: { text: string; spans: readonly { start: number; end: number }[] }) => a.spans.map((s) => a.text.slice(s.start, s.end));

describe('doccano grapheme mode lands on the text doccano shows', () => {
  // Tweets as in the issue: ZWJ emoji doccano's splitter cuts in two, flags, Persian with ZWNJ, Arabic, combining accents.
  const text = 'Ugh 😮‍💨 again. ❤️‍🔥 love it! 👨‍👩‍👧 home 🇮🇷🇩🇪 — می‌خواهم بروم، السَّلامُ عليكم, café e\u0301te\u0301 done';
  const words = ['again', '❤️‍🔥 love', 'love', 'home', '🇩🇪', 'می‌خواهم', 'بروم', 'السَّلامُ', 'e\u0301te\u0301', 'done', '😮‍💨'];
  const article = makeArticle(
    text,
    words.map((w) => ({ labelId: 'actor', start: text.indexOf(w), end: text.indexOf(w) + w.length })),
  );

  it('every exported span shows its own text in v-annotator (grapheme mode)', () => {
    const [record] = records([article], { doccanoUnit: 'grapheme' });
    expect(record.entities.map((e) => shownText(record.text, e, true))).toEqual(coveredTexts(article));
  });

  it('counts 😮‍💨 and ❤️‍🔥 as two clusters, as doccano does', () => {
    const [record] = records([makeArticle('😮‍💨 x ❤️‍🔥 y', [{ labelId: 'actor', start: 14, end: 15 }])], { doccanoUnit: 'grapheme' });
    // 😮‍ 💨 ␠ x ␠ ❤️‍ 🔥 ␠ y: "y" is cluster 8 (Intl.Segmenter would say 6).
    expect(record.entities[0]).toMatchObject({ start_offset: 8, end_offset: 9 });
  });

  it('reads offsets a doccano grapheme project wrote (a selection after 😮‍💨)', () => {
    const doccanoText = '😮‍💨 ok';
    const { articles } = doccanoCodec.parse([{ name: 'in.jsonl', text: JSON.stringify({ text: doccanoText, label: [[3, 5, 'Actor']] }) }], { doccanoUnit: 'grapheme' });
    expect(coveredTexts(articles[0])).toEqual(['ok']);
  });

  it('property: spans on doccano cluster boundaries show their text in v-annotator, in both units', () => {
    fc.assert(
      fc.property(textWithLegacySpans, ({ text, spans }) => {
        const a = makeArticle(text, spans);
        for (const graphemeMode of [false, true]) {
          const warnings: string[] = [];
          const [record] = records([a], graphemeMode ? { doccanoUnit: 'grapheme' } : {}, warnings);
          expect(record.entities.map((e) => shownText(record.text, e, graphemeMode))).toEqual(coveredTexts(a));
          expect(warnings).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('doccano without "Allow overlapping spans"', () => {
  const text = 'The minister said that taxes will rise next year.';
  const at = (w: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length });
  const article = makeArticle(
    text,
    [
      { labelId: 'actor', ...at('The minister') },
      { labelId: 'stance', ...at('said') },
      { labelId: 'claim', ...at('taxes will rise next year') },
      { labelId: 'actor', ...at('taxes') }, // nested in the claim
    ],
    [{ actorSpanId: 's1', stanceSpanId: 's2', claimSpanId: 's3', polarity: 'support' }, { actorSpanId: 's4', claimSpanId: 's3', polarity: 'oppose' }],
  );

  it('the default export needs the setting: doccano drops the nested span and its relation import fails', () => {
    const [record] = records([article]);
    expect(doccanoImport(record, true).spans).toHaveLength(4);
    expect(() => doccanoImport(record, false)).toThrow(/KeyError/);
  });

  it('doccanoNoOverlap keeps the longest span of each overlap group; doccano imports all of it', () => {
    const warnings: string[] = [];
    const [record] = records([article], { doccanoNoOverlap: true }, warnings);
    const imported = doccanoImport(record, false);
    expect(imported.spans.map((e) => shownText(record.text, e, false))).toEqual(['The minister', 'said', 'taxes will rise next year']);
    expect(imported.relations).toBe(2);
    expect(warnings).toEqual([
      'overlapping spans left out for a doccano project without "Allow overlapping spans" (one kept per overlap group: the longest, ties to the earliest): ' +
        '1 span in 1 article, with 1 statement relation using them, e.g. Test article: Actor "taxes" overlaps Claim "taxes will rise next year", which was kept',
    ]);
  });

  it('property: with doccanoNoOverlap doccano keeps every exported span and relation, in either unit', () => {
    fc.assert(
      fc.property(textWithSpans({ boundaries: 'grapheme', overlapping: true }), fc.boolean(), ({ text, spans }, grapheme) => {
        const [record] = records([makeArticle(text, spans)], { doccanoNoOverlap: true, ...(grapheme ? { doccanoUnit: 'grapheme' as const } : {}) });
        const nonEmpty = record.entities.filter((e) => e.start_offset < e.end_offset);
        expect(doccanoImport({ ...record, entities: nonEmpty }, false).spans).toHaveLength(nonEmpty.length);
      }),
      { numRuns: 150 },
    );
  });
});

describe('oneSpanPerOverlapGroup', () => {
  it('groups chains of overlaps, keeps the longest, ties to the earliest start then the first listed', () => {
    // 0:[0,5) 1:[3,9) 2:[8,10) chain into one group; 3:[10,12) touches and stands alone; 4/5 tie.
    const choice = oneSpanPerOverlapGroup([
      { start: 0, end: 5 },
      { start: 3, end: 9 },
      { start: 8, end: 10 },
      { start: 10, end: 12 },
      { start: 20, end: 22 },
      { start: 20, end: 22 },
      { start: 21, end: 23 },
    ]);
    expect(choice.kept).toEqual([1, 3, 4]);
    expect(choice.dropped).toEqual([
      { index: 0, keptIndex: 1 },
      { index: 2, keptIndex: 1 },
      { index: 5, keptIndex: 4 },
      { index: 6, keptIndex: 4 },
    ]);
  });

  it('keeps everything when nothing overlaps', () => {
    expect(oneSpanPerOverlapGroup([{ start: 4, end: 6 }, { start: 0, end: 4 }])).toEqual({ kept: [0, 1], dropped: [] });
  });
});
