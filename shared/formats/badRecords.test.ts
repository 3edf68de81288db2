/**
 * Every codec follows one rule for bad records (badRecords.ts): a bad span or a reference to a
 * missing span refuses the files with a FormatError naming file and line (or record), unless
 * `skipBadRecords`; then the rest is read and each skip is reported, including the statements
 * dropped with a skipped span. Texts mix Persian, Arabic and emoji for the surrogate cases.
 */
import { describe, expect, it } from 'vitest';
import type { FormatOptions } from './formatNames';
import { FormatError, type FormatCodec, type InputFile } from './codec';
import { bratCodec } from './brat';
import { csvCodec } from './csv';
import { doccanoCodec } from './doccano';
import { articleToJsonlLine, jsonlCodec } from './jsonl';
import { labelStudioCodec } from './labelStudio';
import { makeArticle } from './testing/articles';

const SKIP: FormatOptions = { skipBadRecords: true };

/** The FormatError `parse` throws (failing the test when it does not throw one). */
function refusal(codec: FormatCodec, files: InputFile[], options: FormatOptions = {}): FormatError {
  try {
    codec.parse(files, options);
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected the files to be refused');
}

// "😀 خاجی حضور را محکوم کرد": the emoji is UTF-16 units 0-1, the Persian starts at 3.
const PERSIAN = '😀 خاجی حضور را محکوم کرد';
const ARABIC = 'قال الوزير 👍 إن الخطة فشلت';

describe('native JSONL', () => {
  const T = '2024-05-01T10:00:00.000Z';
  const good = articleToJsonlLine(makeArticle(ARABIC, [{ labelId: 'actor', start: 4, end: 10 }], [], { id: 'g1' }));
  /** One article line whose spans are given as raw records (as a hand-edited file would have them). */
  const line = (spans: object[], statements: object[] = []) =>
    JSON.stringify({ id: 'b1', title: 'b', status: 'in_progress', createdAt: T, updatedAt: T, text: PERSIAN, spans, statements });
  const span = (id: string, start: number, end: number, labelId = 'actor') => ({ id, labelId, start, end, annotator: '', createdAt: T, updatedAt: T });
  const statement = (id: string, actorSpanId: string, claimSpanId: string) => ({ id, actorSpanId, claimSpanId, polarity: 'oppose', annotator: '', createdAt: T, updatedAt: T });
  const file = (text: string): InputFile[] => [{ name: 'in.jsonl', text }];

  it('refuses a duplicate span id (a statement would be re-pointed), naming file and line', () => {
    const text = [good, line([span('s1', 3, 7), span('s2', 8, 12, 'claim'), span('s2', 20, 25, 'claim')], [statement('st1', 's1', 's2')])].join('\n');
    expect(refusal(jsonlCodec, file(text))).toMatchObject({ message: 'in.jsonl (line 2): span s2 (20-25) has the id of an earlier span', file: 'in.jsonl', location: 'line 2' });
    const { articles, warnings } = jsonlCodec.parse(file(text), SKIP);
    expect(articles.map((a) => a.spans.map((s) => s.id))).toEqual([['s1'], ['s1', 's2']]);
    expect(articles[1].statements).toEqual([]);
    expect(warnings).toEqual([
      'skipped (bad record): in.jsonl (line 2): span s2 (20-25) has the id of an earlier span',
      'skipped: in.jsonl (line 2): statement st1 was dropped: its claim span id s2 is used by two spans',
    ]);
  });

  it('refuses spans splitting a surrogate pair, reversed, past the end, and statements on missing spans', () => {
    const cases: [object[], object[], RegExp][] = [
      [[span('s1', 1, 7)], [], /^in\.jsonl \(line 2\): span s1 has offset 1, which splits a surrogate pair/],
      [[span('s1', 7, 3)], [], /^in\.jsonl \(line 2\): \$\.spans\[0\]: .*end must be greater than start/],
      [[span('s1', 3, 99)], [], /^in\.jsonl \(line 2\): span s1 ends at 99, beyond the text \(25 UTF-16 units\)/],
      [[span('s1', 3, 7)], [statement('st1', 's1', 'nope')], /^in\.jsonl \(line 2\): statement st1 refers to claim span nope, which the article does not have/],
    ];
    for (const [spans, statements, message] of cases) {
      const text = [good, line(spans, statements)].join('\n');
      expect(refusal(jsonlCodec, file(text)).message).toMatch(message);
      const { articles, warnings } = jsonlCodec.parse(file(text), SKIP);
      expect(articles).toHaveLength(2);
      expect(articles[1].spans.length + articles[1].statements.length).toBe(spans.length + statements.length - 1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^skipped \(bad record\): in\.jsonl \(line 2\)/);
    }
  });
});

describe('doccano', () => {
  const file = (records: object[]): InputFile[] => [{ name: 'in.jsonl', text: records.map((r) => JSON.stringify(r)).join('\n') }];
  const record = (entities: object[], relations: object[] = []) => ({ text: PERSIAN, entities, relations });
  const entity = (id: number, start: number, end: number, label = 'Actor') => ({ id, label, start_offset: start, end_offset: end });

  it('refuses a reversed span instead of skipping it silently; skipping reports it and the statement that used it', () => {
    const files = file([record([entity(1, 3, 7), entity(2, 25, 17, 'Claim')], [{ id: 1, from_id: 1, to_id: 2, type: 'oppose' }])]);
    expect(refusal(doccanoCodec, files)).toMatchObject({ message: 'in.jsonl (line 1, $.entities[1]): span 2 is reversed (end 17 before start 25, in UTF-16 units)' });
    const { articles, warnings } = doccanoCodec.parse(files, SKIP);
    expect(articles[0].spans.map((s) => PERSIAN.slice(s.start, s.end))).toEqual(['خاجی']);
    expect(articles[0].statements).toEqual([]);
    expect(warnings).toEqual([
      'skipped (bad record): in.jsonl (line 1, $.entities[1]): span 2 is reversed (end 17 before start 25, in UTF-16 units)',
      'skipped: in.jsonl (line 1, $.relations): the statement 1 → 2 was dropped: its claim span 2 was skipped',
    ]);
  });

  it('refuses UTF-16 offsets that cut the emoji in half, empty spans, duplicate ids and relations to missing spans', () => {
    const cases: [object, string][] = [
      [record([entity(1, 1, 7)]), 'in.jsonl (line 1, $.entities[0]): span 1 has offset 1, which splits a surrogate pair (a character such as an emoji would be cut in half)'],
      [record([entity(1, 3, 3)]), 'in.jsonl (line 1, $.entities[0]): span 1 is empty (start and end are both 3, in UTF-16 units)'],
      [record([entity(1, 3, 7), entity(1, 8, 12)]), 'in.jsonl (line 1, $.entities[1]): span 1 (8-12) has the id of an earlier span'],
      [record([entity(1, 3, 7)], [{ id: 1, from_id: 1, to_id: 9, type: 'support' }]), 'in.jsonl (line 1, $.relations): the statement 1 → 9 refers to claim span 9, which the article does not have'],
      [{ text: ARABIC, label: [[0, 3, 'Actor'], [4, 40, 'Actor']] }, 'in.jsonl (line 1, $.label[1]): UTF-16 offset 40 is outside the text (0..27) (offsets read as UTF-16 code units)'],
    ];
    for (const [rec, message] of cases) {
      expect(refusal(doccanoCodec, file([rec])).message).toBe(message);
      const { articles, warnings } = doccanoCodec.parse(file([rec]), SKIP);
      expect(articles).toHaveLength(1);
      expect(warnings).toEqual([`skipped (bad record): ${message}`]);
    }
  });
});

describe('Label Studio', () => {
  const task = (result: object[]) => ({ data: { text: ARABIC }, annotations: [{ result }] });
  const region = (id: string, start: number, end: number, label = 'Actor') => ({
    id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, labels: [label] },
  });
  const relation = (from: string, to: string) => ({ from_id: from, to_id: to, type: 'relation', direction: 'right', labels: ['support'] });
  const file = (tasks: object[]): InputFile[] => [{ name: 'ls.json', text: JSON.stringify(tasks) }];

  it('refuses a reversed region instead of skipping it silently; skipping reports it and the statement that used it', () => {
    const files = file([task([region('r1', 0, 10), region('r2', 26, 15, 'Claim'), relation('r1', 'r2')])]);
    expect(refusal(labelStudioCodec, files).message).toBe('ls.json ($[0].annotations[0].result[1]): span r2 is reversed (end 16 before start 27, in UTF-16 units)');
    const { articles, warnings } = labelStudioCodec.parse(files, SKIP);
    expect(articles[0].spans.map((s) => s.id)).toEqual(['r1']);
    expect(articles[0].statements).toEqual([]);
    expect(warnings).toEqual([
      'skipped (bad record): ls.json ($[0].annotations[0].result[1]): span r2 is reversed (end 16 before start 27, in UTF-16 units)',
      'skipped: ls.json ($[0] (relations)): the statement r1 → r2 was dropped: its claim span r2 was skipped',
    ]);
  });

  it('refuses regions outside the text, regions without a label and relations to missing regions', () => {
    const cases: [object[], string][] = [
      [[region('r1', 0, 99)], 'ls.json ($[0].annotations[0].result[0].value.end): offset 99 is outside the text (26 code points)'],
      [[{ ...region('r1', 0, 3), value: { start: 0, end: 3, labels: [] } }], 'ls.json ($[0].annotations[0].result[0].value): the region has no label'],
      [[region('r1', 0, 3), relation('r1', 'r9')], 'ls.json ($[0] (relations)): the statement r1 → r9 refers to claim span r9, which the article does not have'],
    ];
    for (const [result, message] of cases) {
      expect(refusal(labelStudioCodec, file([task(result)])).message).toBe(message);
      expect(labelStudioCodec.parse(file([task(result)]), SKIP).warnings).toEqual([`skipped (bad record): ${message}`]);
    }
  });
});

describe('CSV', () => {
  const articles = { name: 'articles.csv', text: `article_id,text\na1,${PERSIAN}\n` };
  const spans = (rows: string) => ({ name: 'spans.csv', text: `article_id,span_id,label,start,end,offset_unit\n${rows}` });
  const statements = { name: 'statements.csv', text: 'article_id,polarity,actor_span_id,claim_span_id\na1,oppose,x,y\n' };

  it('refuses UTF-16 offsets that split a surrogate pair; skipping reports the row and the statement that used it', () => {
    const files = [articles, spans('a1,x,Actor,3,7,utf16\na1,y,Claim,1,12,utf16\n'), statements];
    expect(refusal(csvCodec, files).message).toBe(
      'spans.csv (line 3): span y has offset 1, which splits a surrogate pair (a character such as an emoji would be cut in half)',
    );
    const { articles: read, warnings } = csvCodec.parse(files, SKIP);
    expect(read[0].spans.map((s) => s.id)).toEqual(['x']);
    expect(read[0].statements).toEqual([]);
    expect(warnings).toEqual([
      'skipped (bad record): spans.csv (line 3): span y has offset 1, which splits a surrogate pair (a character such as an emoji would be cut in half)',
      'skipped: statements.csv (line 2): the statement x → y was dropped: its claim span y was skipped',
    ]);
  });

  it('skips (when asked) rows it refuses otherwise: reversed, outside the text, duplicate span_id', () => {
    const files = [articles, spans('a1,x,Actor,3,7,codepoint\na1,y,Claim,9,4,codepoint\na1,z,Claim,4,90,codepoint\na1,x,Claim,8,12,codepoint\n')];
    expect(refusal(csvCodec, files).message).toBe('spans.csv (line 3): end (4) must be greater than start (9)');
    const { articles: read, warnings } = csvCodec.parse(files, SKIP);
    expect(read[0].spans.map((s) => s.id)).toEqual(['x']);
    expect(warnings).toEqual([
      'skipped (bad record): spans.csv (line 3): end (4) must be greater than start (9)',
      'skipped (bad record): spans.csv (line 4): end: code point offset 90 is outside the text (0..24)',
      'skipped (bad record): spans.csv (line 5): span_id "x" appears twice in article "a1"',
    ]);
  });
});

describe('brat', () => {
  const txt = { name: 'doc.txt', text: ARABIC };
  const ann = (lines: string[]): InputFile => ({ name: 'doc.ann', text: lines.join('\n') + '\n' });

  it('refuses an empty span instead of skipping it silently; skipping reports it and the statement event that used it', () => {
    const files = [txt, ann(['T1\tActor 4 10\tالوزير', 'T2\tClaim 14 14\t', 'E1\tStatement:T1 Actor:T1 Claim:T2', 'A1\tPolarity E1 support'])];
    expect(refusal(bratCodec, files).message).toBe('doc.ann (line 2): T2: the span is empty (offsets 14 14)');
    const { articles, warnings } = bratCodec.parse(files, SKIP);
    expect(articles[0].spans.map((s) => s.id)).toEqual(['T1']);
    expect(articles[0].statements).toEqual([]);
    expect(warnings).toContain('skipped (bad record): doc.ann (line 2): T2: the span is empty (offsets 14 14)');
    expect(warnings).toContain('skipped: doc.ann (line 3): statement event E1 was dropped: its span T2 was skipped');
  });

  it('refuses a statement that refers to an annotation the file does not have, and reversed or out-of-text offsets', () => {
    const cases: [string[], string][] = [
      [['T1\tActor 4 10\tالوزير', 'R1\tSupports Arg1:T1 Arg2:T7'], 'doc.ann (line 2): relation R1 refers to T7, which the file does not have'],
      [['T1\tActor 10 4\tx'], 'doc.ann (line 1): T1: end 4 is before start 10'],
      [['T1\tActor 4 99\tx'], 'doc.ann (line 1): T1: offsets 4-99 are outside the text (26 characters)'],
    ];
    for (const [lines, message] of cases) {
      expect(refusal(bratCodec, [txt, ann(lines)]).message).toBe(message);
      expect(bratCodec.parse([txt, ann(lines)], SKIP).warnings).toContain(`skipped (bad record): ${message}`);
    }
  });
});
