/**
 * The statements CSV (`--format statements-csv`) and discontinuous spans: the extent columns
 * (`*_start_*`/`*_end_*`) alone cannot give back `actor_mention`/`claim_text`, which join the
 * pieces' texts by one space; the `*_fragments_*` columns can, in both units.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STATEMENTS_CSV_HEADER, toStatementsCsv } from './graphExport';
import { buildAnalysisRows } from './statementsTable';
import { statementRowsOf } from './statementRow';
import { parseCsv } from '../formats/csvTable';
import { makeArticle } from '../formats/testing/articles';
import { textWithSpans } from '../formats/testing/arbitraries';
import type { Article } from '../domain/model';

type Column = (typeof STATEMENTS_CSV_HEADER)[number];

/** The CSV's records as column → cell. */
function tableOf(articles: Article[]): Record<Column, string>[] {
  const rows = buildAnalysisRows(articles.flatMap(statementRowsOf), []);
  const csv = toStatementsCsv(rows, { articleTexts: new Map(articles.map((a) => [a.id, a.text])) });
  const [header, ...records] = parseCsv(csv, 'statements.csv').map((r) => r.cells);
  expect(header).toEqual([...STATEMENTS_CSV_HEADER]);
  return records.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])) as Record<Column, string>);
}

/** "a-b;c-d" → the pieces' texts joined by one space, slicing by UTF-16 units or by code points. */
function textOfPieces(text: string, cell: string, unit: 'utf16' | 'codepoint'): string {
  const chars = unit === 'utf16' ? text.split('') : [...text];
  return cell
    .split(';')
    .map((p) => p.split('-').map(Number))
    .map(([s, e]) => chars.slice(s, e).join(''))
    .join(' ');
}

describe('statements CSV: the pieces of discontinuous spans', () => {
  const text = '🐱 Lavrov said the sanctions, he added, were illegal.';
  const at = (s: string) => text.indexOf(s);
  const article = makeArticle(
    text,
    [
      { labelId: 'actor', start: at('Lavrov'), end: at('Lavrov') + 6 },
      { labelId: 'stance', start: at('said'), end: at('said') + 4 },
      {
        labelId: 'claim',
        start: at('the sanctions'),
        end: at('illegal') + 7,
        fragments: [{ start: at('the sanctions'), end: at('the sanctions') + 13 }, { start: at('were'), end: at('illegal') + 7 }],
      },
    ],
    [{ actorSpanId: 's1', stanceSpanId: 's2', claimSpanId: 's3', polarity: 'oppose' }],
  );

  it('keeps the extent in *_start/*_end and gives the pieces as start-end;start-end in both units', () => {
    const [r] = tableOf([article]);
    expect(r.claim_text).toBe('the sanctions were illegal');
    // The extent (offsets after the cat: one less in code points) still covers "he added".
    expect([r.claim_start_utf16, r.claim_end_utf16, r.claim_start_codepoint, r.claim_end_codepoint]).toEqual(['15', '52', '14', '51']);
    expect(r.claim_fragments_utf16).toBe('15-28;40-52');
    expect(r.claim_fragments_codepoint).toBe('14-27;39-51');
    // A contiguous span is one piece, so every row reads the same way.
    expect([r.actor_fragments_utf16, r.actor_fragments_codepoint]).toEqual(['3-9', '2-8']);
    expect(textOfPieces(text, r.claim_fragments_codepoint, 'codepoint')).toBe(r.claim_text);
    expect(textOfPieces(text, r.claim_fragments_utf16, 'utf16')).toBe(r.claim_text);
  });

  it('leaves the code-point pieces empty, like the other code-point columns, when the text is not given', () => {
    const rows = buildAnalysisRows(statementRowsOf(article), []);
    const [header, record] = parseCsv(toStatementsCsv(rows), 'statements.csv').map((r) => r.cells);
    const cell = (c: Column) => record[header.indexOf(c)] ?? '';
    expect([cell('claim_fragments_utf16'), cell('claim_fragments_codepoint'), cell('claim_start_codepoint')]).toEqual(['15-28;40-52', '', '']);
  });

  it('property: for every statement, the pieces give back the mention and claim text, and bound the extent', () => {
    fc.assert(
      fc.property(textWithSpans({ fragments: true, labels: ['actor', 'claim'] }), ({ text, spans }) => {
        if (spans.length < 2) return;
        const a = makeArticle(text, spans, [{ actorSpanId: 's1', claimSpanId: 's2' }, { actorSpanId: 's2', claimSpanId: 's1' }]);
        for (const r of tableOf([a])) {
          for (const [who, mention] of [['actor', r.actor_mention], ['claim', r.claim_text]] as const) {
            for (const unit of ['utf16', 'codepoint'] as const) {
              const cell = r[`${who}_fragments_${unit}`];
              expect(textOfPieces(text, cell, unit)).toBe(mention);
              const bounds = cell.split(/[;-]/);
              expect([bounds[0], bounds[bounds.length - 1]]).toEqual([r[`${who}_start_${unit}`], r[`${who}_end_${unit}`]]);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
