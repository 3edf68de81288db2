/**
 * checkedArticle skips zod's walk over spans and statements when each field passes its own
 * schema: it must accept exactly what ArticleSchema + articleProblems accept, return the same
 * record, and refuse with the same message.
 */
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api/errors';
import { articleProblems } from '../../shared/domain/articleInvariants';
import { ArticleSchema, SpanSchema, type Article } from '../../shared/domain/model';
import { describeZodError } from '../../shared/domain/zodErrors';
import type { ImportedArticle } from '../../shared/formats/codec';
import { checkedArticle, surelyFragments } from './articleCheck';
import { convertImportedArticle } from './importPlan';

const T = '2024-05-01T10:00:00.000Z';
const span = (id: string, start: number, end: number, more: Partial<Article['spans'][number]> = {}): Article['spans'][number] => ({
  id,
  labelId: 'actor',
  start,
  end,
  annotator: '',
  createdAt: T,
  updatedAt: T,
  ...more,
});

function article(): Article {
  return {
    id: 'a1',
    title: 'Doc',
    source: 'Wire',
    status: 'in_progress',
    createdAt: T,
    updatedAt: T,
    text: 'Ali said 😮‍💨 the plan fails.',
    spans: [
      span('T1', 0, 3, { attributes: { k: 'v' }, entityId: 'e1' }),
      span('T2', 4, 8, { labelId: 'stance', note: 'said' }),
      span('T3', 9, 29, { labelId: 'claim', fragments: [{ start: 9, end: 14 }, { start: 15, end: 29 }] }),
    ],
    statements: [{ id: 'E1', actorSpanId: 'T1', claimSpanId: 'T3', stanceSpanId: 'T2', polarity: 'oppose', annotator: 'ann', createdAt: T, updatedAt: T }],
  };
}

/** What the import said before checkedArticle: ArticleSchema's first problems, else articleProblems'. */
function expectedMessage(candidate: unknown): string {
  const parsed = ArticleSchema.safeParse(candidate);
  return `doc.ann: ${parsed.success ? articleProblems(parsed.data).join('; ') : describeZodError(parsed.error)}`;
}

describe('checkedArticle', () => {
  it('returns what ArticleSchema returns for the article the import builds, keys in the same order', () => {
    const imported: ImportedArticle = {
      id: 'a1',
      title: 'Doc',
      source: 'Wire',
      url: 'https://example.org/doc',
      date: '2024-05-01',
      status: 'done',
      createdAt: T,
      text: article().text,
      spans: [
        { id: 'T3', label: 'claim', start: 9, end: 29, fragments: [{ start: 9, end: 14 }, { start: 15, end: 29 }], note: 'n', annotator: 'ann', createdAt: T, entityId: 'c1', attributes: { k: 'v' } },
        { id: 'T1', label: 'actor', start: 0, end: 3 },
        { id: 'T2', label: 'stance', start: 4, end: 8, updatedAt: T },
      ],
      statements: [{ id: 'E1', actorSpanId: 'T1', claimSpanId: 'T3', stanceSpanId: 'T2', polarity: 'oppose', note: 'n', annotator: 'ann', createdAt: T }],
    };
    for (let run = 0; run < 2; run++) {
      const built = convertImportedArticle(imported, (l) => l, new Set(), 'doc.ann');
      expect(JSON.stringify(built)).toBe(JSON.stringify(ArticleSchema.parse(built)));
    }
  });

  const broken: [string, (a: Article) => void][] = [
    ['a label id with a space', (a) => void (a.spans[0].labelId = 'bad label')],
    ['an entity id with a slash', (a) => void (a.spans[0].entityId = 'e/1')],
    ['a note past 10,000 characters', (a) => void (a.spans[1].note = 'x'.repeat(10_001))],
    ['an annotator name past 200 characters', (a) => void (a.statements[0].annotator = 'x'.repeat(201))],
    ['a month 13 timestamp', (a) => void (a.spans[2].updatedAt = '2024-13-01T10:00:00.000Z')],
    ['an attribute that is no string', (a) => void ((a.spans[0].attributes as Record<string, unknown>).k = 1)],
    ['a polarity that is none', (a) => void ((a.statements[0] as { polarity: string }).polarity = 'maybe')],
    ['a title past 1,000 characters', (a) => void (a.title = 'x'.repeat(1001))],
    ['an empty title', (a) => void (a.title = '')],
    ['a status that is none', (a) => void ((a as { status: string }).status = 'finished')],
    ['a fractional offset', (a) => void (a.spans[0].end = 2.5)],
    ['a reversed span (zod refinement first)', (a) => void (a.spans[0].end = 0)],
    ['one fragment only', (a) => void (a.spans[2].fragments = [{ start: 9, end: 29 }])],
    ['fragments out of order', (a) => void (a.spans[2].fragments = [{ start: 15, end: 29 }, { start: 9, end: 14 }])],
    ['a span beyond the text (an invariant)', (a) => void (a.spans[2] = span('T3', 9, 99, { labelId: 'claim' }))],
    ['a span splitting the emoji (an invariant)', (a) => void (a.spans[0].end = 10)],
    ['a statement naming a missing span (an invariant)', (a) => void (a.statements[0].claimSpanId = 'T9')],
    ['a repeated span id (an invariant)', (a) => void (a.spans[1].id = 'T1')],
  ];

  it.each(broken)('refuses %s with the message ArticleSchema and articleProblems give', (_what, breakIt) => {
    checkedArticle(article(), 'doc.ann'); // the valid values are remembered first: a broken one must still be refused
    const a = article();
    breakIt(a);
    const expected = expectedMessage(a);
    expect(expected).not.toBe('doc.ann: ');
    expect(() => checkedArticle(a, 'doc.ann')).toThrow(new WorkbenchError('invalid_input', expected));
  });

  const made = { ids: true, now: T } as const;

  // What the caller vouches for with MadeFields (ids unique, references to spans of the article) is not asked again: the rest is.
  const vouched = new Set(['a statement naming a missing span (an invariant)', 'a repeated span id (an invariant)']);
  it.each(broken.filter(([what]) => !vouched.has(what)))('refuses %s just the same when the caller made the ids and the timestamps (MadeFields)', (_what, breakIt) => {
    expect(checkedArticle(article(), 'doc.ann', made)).toEqual(article());
    const a = article();
    breakIt(a);
    expect(() => checkedArticle(a, 'doc.ann', made)).toThrow(new WorkbenchError('invalid_input', expectedMessage(a)));
  });

  it("refuses the caller's own timestamp when it is none, wherever it stands", () => {
    const bad = '2024-05-01 10:00';
    const a = article();
    a.spans[1].createdAt = bad;
    expect(() => checkedArticle(a, 'doc.ann', { ids: true, now: bad })).toThrow(new WorkbenchError('invalid_input', expectedMessage(a)));
  });

  it('is given, by the import, only what MadeFields promises: unique valid ids and references to spans of the article', () => {
    const text = article().text;
    const built = convertImportedArticle(
      {
        title: 'Doc',
        text,
        spans: [
          { label: 'actor', start: 0, end: 3 },
          { id: 'bad id', label: 'stance', start: 4, end: 8 },
          { id: 'T3', label: 'claim', start: 9, end: 14 },
          { id: 'x'.repeat(129), label: 'claim', start: 15, end: 29 },
        ],
        statements: [{ id: 'E1', actorSpanId: 'T3', claimSpanId: 'bad id', polarity: 'support' }, { id: 'E1', actorSpanId: 'T3', claimSpanId: 'T3', polarity: 'oppose' }],
      },
      (l) => l,
      new Set(),
      'doc.ann',
    );
    expect(articleProblems(built)).toEqual([]);
    expect(ArticleSchema.safeParse(built).success).toBe(true);
    expect(new Set(built.spans.map((sp) => sp.id)).size).toBe(4);
    expect(new Set(built.statements.map((st) => st.id)).size).toBe(2);
    const repeated = { title: 'Doc', text, spans: [{ id: 'T1', label: 'actor', start: 0, end: 3 }, { id: 'T1', label: 'claim', start: 9, end: 14 }], statements: [] };
    expect(() => convertImportedArticle(repeated, (l) => l, new Set(), 'doc.ann')).toThrow('doc.ann: span id "T1" is used by two spans');
    const dangling = { title: 'Doc', text, spans: [{ id: 'T1', label: 'actor', start: 0, end: 3 }], statements: [{ actorSpanId: 'T1', claimSpanId: 'T9', polarity: 'support' as const }] };
    expect(() => convertImportedArticle(dangling, (l) => l, new Set(), 'doc.ann')).toThrow('doc.ann: statement refers to unknown claim span "T9"');
  });

  it('takes without zod only fragments that SpanSchema takes as they are', () => {
    class Range {
      constructor(
        readonly start: number,
        readonly end: number,
      ) {}
    }
    const probes: unknown[] = [
      [{ start: 0, end: 3 }, { start: 5, end: 9 }],
      [{ start: 5, end: 9 }, { start: 0, end: 3 }],
      [{ start: 0, end: 3 }, { start: 2, end: 9 }, { start: 20, end: 21 }],
      [{ start: 0, end: 3 }],
      [],
      [{ start: 0, end: 3 }, { start: 5, end: 9, note: 'x' }],
      [{ start: 0, end: 3 }, { start: 5.5, end: 9 }],
      [{ start: -1, end: 3 }, { start: 5, end: 9 }],
      [{ start: 4, end: 3 }, { start: 5, end: 9 }],
      [{ start: 3, end: 3 }, { start: 5, end: 9 }],
      [{ start: 0, end: Infinity }, { start: 5, end: 9 }],
      [{ start: 0, end: NaN }, { start: 5, end: 9 }],
      [{ start: 0, end: 2 ** 53 }, { start: 2 ** 53 + 2, end: 2 ** 53 + 4 }],
      [{ start: '0', end: 3 }, { start: 5, end: 9 }],
      [new Range(0, 3), new Range(5, 9)],
      [null, { start: 5, end: 9 }],
      [[0, 3], [5, 9]],
      'fragments',
      null,
      { 0: { start: 0, end: 3 }, 1: { start: 5, end: 9 }, length: 2 },
    ];
    const schema = SpanSchema.shape.fragments;
    let taken = 0;
    for (const value of probes) {
      if (!surelyFragments(value)) continue;
      taken++;
      const parsed = schema.safeParse(value);
      expect([value, parsed.success]).toEqual([value, true]);
      expect(parsed.data).toEqual(value);
    }
    expect(taken).toBe(3);
  });
});
