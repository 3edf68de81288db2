import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Article, Entity } from '../domain/model';
import type { FormatCodec, ImportedArticle, ParsedCorpus } from './codec';
import { FORMAT_NAMES } from './formatNames';
import { ExportLossTally, LossLineMerger, type ExportLossKind } from './losses';
import { renderLossTables } from './testing/lossTable';
import { FORMAT_CODECS } from './registry';
import { exportContext, exportFiles, LABEL_NAMES, makeArticle } from './testing/articles';
import { WarningLog } from './warnings';

const T1 = '2024-06-02T08:30:00.000Z';

/** One article holding every kind of content an export may leave out, on word boundaries so CoNLL keeps the spans. */
const TEXT = 'Kishida denounced the plan in Tokyo today';
const RICH: Article = makeArticle(
  TEXT,
  [
    { labelId: 'actor', start: 0, end: 7, entityId: 'e1', note: 'head of government', attributes: { role: 'minister', confidence: 'high' } },
    { labelId: 'stance', start: 8, end: 17 },
    { labelId: 'claim', start: 18, end: 41, fragments: [{ start: 18, end: 26 }, { start: 36, end: 41 }] },
  ],
  [{ actorSpanId: 's1', stanceSpanId: 's2', claimSpanId: 's3', polarity: 'oppose', note: 'strongly' }],
  { id: 'rich1', title: 'Rich article', source: 'Reuters', url: 'https://example.org/r', date: '2024-05-01', status: 'done', updatedAt: T1 },
);
const ENTITY: Entity = { id: 'e1', kind: 'actor', name: 'Fumio Kishida', actorType: 'person', aliases: ['Kishida'], description: 'PM', attributes: { party: 'LDP' } };

/** The loss line each kind gives for RICH, written out by hand (REASON stands for the format's reason). */
const EXPECTED_LINES: Record<ExportLossKind, string> = {
  articleId: '1 article id was not carried (REASON), first: article "Rich article": rich1',
  articleTitle: '1 article title was not carried (REASON), first: article "Rich article" (id rich1)',
  articleMetadata: '6 article metadata fields were not carried (REASON), first: article "Rich article": source=Reuters',
  spanFragments: '1 discontinuous span was not carried (REASON), first: article "Rich article" span s3: 18-26;36-41 (UTF-16 units)',
  spanNote: '1 span note was not carried (REASON), first: article "Rich article" span s1: head of government',
  spanAttribute: '2 span attributes were not carried (REASON), first: article "Rich article" span s1: role=minister',
  entityLink: '1 entity link was not carried (REASON), first: article "Rich article" span s1: entity e1',
  entityRecord: '1 entity record was not carried (REASON), first: entity e1 "Fumio Kishida" (linked from article "Rich article" span s1)',
  entityDetails: '1 entity with details was not carried (REASON), first: entity e1 "Fumio Kishida": actor type person, 1 alias(es), a description, 1 attribute(s)',
  statement: '1 statement was not carried (REASON), first: article "Rich article" statement st1 (oppose)',
  statementNote: '1 statement note was not carried (REASON), first: article "Rich article" statement st1: strongly',
  // Three spans and, unless statements are lost, the statement.
  annotator: 'N annotator names were not carried (REASON), first: article "Rich article" span s1: tester',
  annotationTimestamps: 'N span and statement timestamp pairs were not carried (REASON), first: article "Rich article" span s1: created 2024-05-01T10:00:00.000Z',
};

function expectedLines(codec: FormatCodec): string[] {
  const statementsLost = codec.losses.export.some((d) => d.kind === 'statement');
  return codec.losses.export.map((d) =>
    EXPECTED_LINES[d.kind].replace('REASON', d.reason ?? `${codec.losses.title} has no place for them`).replace(/^N /, statementsLost ? '3 ' : '4 '),
  );
}

function exportRich(codec: FormatCodec, options = {}) {
  const warnings: string[] = [];
  const losses: string[] = [];
  const ctx = { ...exportContext(options, warnings, losses), entities: new Map([[ENTITY.id, ENTITY]]) };
  const files = exportFiles(codec, [RICH], ctx);
  const parsed = codec.parse(
    [...files].map(([name, text]) => ({ name: name || `export.${codec.extension}`, text })),
    options,
  );
  return { losses, warnings, parsed };
}

/**
 * Which kinds of RICH's content came back from the format's own import, judged on what was
 * read, not on the declarations. A kind whose container is lost (the notes of a lost statement,
 * the record of a lost link) is not judged.
 */
function lostOnTheWay(parsed: ParsedCorpus): Set<ExportLossKind> {
  expect(parsed.articles).toHaveLength(1);
  const a: ImportedArticle = parsed.articles[0];
  const spanOf = (i: number) => a.spans.find((s) => [RICH.spans[i].labelId, LABEL_NAMES[RICH.spans[i].labelId]].includes(s.label) && s.start === RICH.spans[i].start);
  const [actor, stance, claim] = [0, 1, 2].map(spanOf);
  expect(actor && stance && claim, 'every span comes back').toBeTruthy();
  const st = a.statements[0];
  const entity = parsed.entities?.find((e) => e.id === ENTITY.id);
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const carried: Record<ExportLossKind, boolean | undefined> = {
    articleId: a.id === RICH.id,
    articleTitle: a.title === RICH.title,
    articleMetadata: (['source', 'url', 'date', 'status', 'createdAt', 'updatedAt'] as const).every((k) => a[k] === RICH[k]),
    spanFragments: same(claim!.fragments, RICH.spans[2].fragments),
    spanNote: actor!.note === RICH.spans[0].note,
    spanAttribute: same(actor!.attributes, RICH.spans[0].attributes),
    entityLink: actor!.entityId === ENTITY.id,
    entityRecord: actor!.entityId === ENTITY.id ? entity !== undefined : undefined,
    entityDetails: entity ? same(entity, ENTITY) : undefined,
    statement: a.statements.length === 1,
    statementNote: st ? st.note === RICH.statements[0].note : undefined,
    annotator: [actor, stance, claim, ...(st ? [st] : [])].every((x) => x!.annotator === 'tester'),
    annotationTimestamps: [actor, stance, claim, ...(st ? [st] : [])].every((x) => x!.createdAt === RICH.spans[0].createdAt && x!.updatedAt === RICH.spans[0].updatedAt),
  };
  return new Set((Object.keys(carried) as ExportLossKind[]).filter((k) => carried[k] === false));
}

describe('export losses: every codec reports exactly what its own import does not get back', () => {
  for (const name of FORMAT_NAMES) {
    const codec = FORMAT_CODECS[name];
    it(`${name}: one line per declared kind, with count and first example, and nothing else lost`, () => {
      const { losses, parsed } = exportRich(codec);
      expect(losses).toEqual(expectedLines(codec));
      expect([...lostOnTheWay(parsed)].sort()).toEqual(codec.losses.export.map((d) => d.kind).sort());
      // Our own export holds nothing foreign: reading it back reports no import loss.
      const merger = new LossLineMerger();
      expect(parsed.warnings.filter((w) => merger.take(w))).toEqual([]);
    });
  }

  it('the native JSONL declares nothing and gives everything back', () => {
    const { losses, parsed } = exportRich(FORMAT_CODECS.jsonl);
    expect(losses).toEqual([]);
    expect(lostOnTheWay(parsed).size).toBe(0);
  });

  it('counts over the whole export, keeping the first example: two articles give one line per kind', () => {
    const losses: string[] = [];
    const second = { ...RICH, id: 'rich2', title: 'Second' };
    exportFiles(FORMAT_CODECS.doccano, [RICH, second], exportContext({}, [], losses));
    expect(losses[0]).toBe('4 span attributes were not carried (doccano has no place for them), first: article "Rich article" span s1: role=minister');
    expect(losses).toHaveLength(FORMAT_CODECS.doccano.losses.export.length);
  });

  it('without `lost`, the lines go to `warn` (callers that keep every warning)', () => {
    const warnings: string[] = [];
    exportFiles(FORMAT_CODECS.conllu, [RICH], { ...exportContext({}, warnings), lost: undefined });
    expect(warnings).toContain('1 statement was not carried (CoNLL-U has no place for them), first: article "Rich article" statement st1 (oppose)');
  });
});

describe('import losses', () => {
  it('doccano: cats, other meta, Comments and relations that are not statements are each one line', () => {
    const record = {
      text: 'Kishida denounced the plan',
      entities: [
        { id: 1, label: 'Actor', start_offset: 0, end_offset: 7 },
        { id: 2, label: 'Claim', start_offset: 18, end_offset: 26 },
      ],
      relations: [{ id: 1, from_id: 1, to_id: 2, type: 'foundedBy' }],
      cats: ['politics', 'japan'],
      meta: { author: 'ann', title: 'read, not lost' },
      batch: 7,
      Comments: [{ text: 'check this' }],
    };
    const { warnings } = FORMAT_CODECS.doccano.parse([{ name: 'in.jsonl', text: JSON.stringify(record) }], {});
    expect(warnings).toEqual([
      '2 document categories were not carried (the workbench has no place for them), first: in.jsonl line 1: cats "politics"',
      '2 metadata fields were not carried (the workbench has no place for them), first: in.jsonl line 1: batch=7',
      '1 document comment was not carried (the workbench has no place for them), first: in.jsonl line 1: {"text":"check this"}',
      '1 relation that is not a statement was not carried (the workbench has no place for them), first: in.jsonl line 1: "foundedBy" 1 → 2',
    ]);
  });

  it('a record holding only what the workbench reads gives no loss line (our own export)', () => {
    const files = exportFiles(FORMAT_CODECS.doccano, [RICH], exportContext());
    expect(FORMAT_CODECS.doccano.parse([{ name: 'x.jsonl', text: files.get('')! }], {}).warnings).toEqual([]);
  });

  it('CoNLL-2003 and CoNLL-U: analysis columns that are not layers are counted', () => {
    const conll = FORMAT_CODECS.conll.parse([{ name: 'c.conll', text: 'EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n' }], {});
    expect(conll.warnings[0]).toBe('4 token column values were not carried (the workbench has no place for them), first: c.conll: token "EU" column 2: NNP');
    const conllu = FORMAT_CODECS.conllu.parse([{ name: 'u.conllu', text: '1\tEU\teu\tPROPN\t_\t_\t0\troot\t_\tORG=B|Gloss=x\n' }], {});
    expect(conllu.warnings[0]).toBe('5 token column values were not carried (the workbench has no place for them), first: u.conllu line 1: token "EU" LEMMA eu');
  });

  it('CSV: columns the import does not read are counted, a document label as a category', () => {
    const { warnings } = FORMAT_CODECS.csv.parse([{ name: 'a.csv', text: 'text,label,mood\nhello,pos,calm\n' }], {});
    expect(warnings.slice(0, 2)).toEqual([
      '1 document category was not carried (the workbench has no place for them), first: a.csv line 2: label="pos"',
      '1 cell of a column not read was not carried (the workbench has no place for them), first: a.csv line 2: mood="calm"',
    ]);
  });

  it('a reader counting a kind its codec did not declare fails loudly (the docs table would be wrong)', () => {
    const log = new WarningLog(FORMAT_CODECS.conll.losses);
    expect(() => log.lost('documentCategories', 'x')).toThrow('import loss "documentCategories" is not declared by CoNLL-2003');
  });

  it('loss lines of several runs (convert parses a brat folder pair by pair) sum into one', () => {
    const merger = new LossLineMerger();
    const lines = ['a', 'b'].map((f, i) => {
      const log = new WarningLog(FORMAT_CODECS.brat.losses);
      for (let k = 0; k <= i; k++) log.lost('otherRelations', `${f}.ann R${k + 1}`);
      return log.list()[0];
    });
    expect(lines.every((l) => merger.take(l))).toBe(true);
    expect(merger.take('covered text differs: x')).toBe(false);
    expect(merger.lines()).toEqual(['3 relations that are not statements were not carried (the workbench has no place for them), first: a.ann R1']);
  });
});

describe('export loss tallies of one export split across threads', () => {
  const article = (id: string, attribute: boolean) =>
    ({ ...makeArticle('Kishida said', [{ labelId: 'actor', start: 0, end: 7, ...(attribute ? { attributes: { source: id } } : {}), entityId: 'e1' }]), id, title: id }) as Article;

  it('merged in order, give the lines of one tally over all the articles (counts summed, the first example kept)', () => {
    const articles = [article('a', false), article('b', true), article('c', true), article('d', false)];
    const one = new ExportLossTally(FORMAT_CODECS.doccano.losses);
    for (const a of articles) one.article(a);
    const merged = new ExportLossTally(FORMAT_CODECS.doccano.losses);
    for (const part of [articles.slice(0, 1), articles.slice(1, 3), articles.slice(3)]) {
      const tally = new ExportLossTally(FORMAT_CODECS.doccano.losses);
      for (const a of part) tally.article(a);
      merged.merge(tally.counts());
    }
    expect(merged.lines()).toEqual(one.lines());
    expect(one.lines().join('\n')).toMatch(/^2 span attributes were not carried .*first: article "b"/m);
  });

  it('refuse when the tally counts entity records, which it counts once per export', () => {
    const tally = new ExportLossTally({ title: 'x', export: [{ kind: 'entityRecord' }], import: [] });
    expect(() => tally.merge([])).toThrow(/cannot be split/);
  });
});

describe("docs/formats.md's loss table", () => {
  it('is the one the declarations give (paste the expected text between the loss-table markers when it differs)', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/formats.md'), 'utf8');
    const m = /<!-- loss-table:start[^>]*-->\n([\s\S]*?)\n<!-- loss-table:end -->/.exec(doc);
    expect(m, 'docs/formats.md has <!-- loss-table:start --> … <!-- loss-table:end -->').not.toBeNull();
    expect(m![1]).toBe(renderLossTables(FORMAT_CODECS));
  });
});
