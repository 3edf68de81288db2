/**
 * Statements carried through the three formats that can hold them (native JSONL, brat R lines
 * / events, Label Studio relations): the sample article coded by hand
 * (shared/network/fixtures/sampleArticleCoding.ts: 15 statements, stance spans, a joint actor
 * coded as two actor spans over the same words, entity links) is exported and parsed back,
 * and every statement comes back with the same actor, claim, stance and polarity. JSONL and
 * brat also carry the spans' entity links, so the discourse network built from what comes
 * back is the one built from the original; Label Studio has no place for entity links (see
 * docs/formats.md), so its mentions come back unlinked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Article } from '../domain/model';
import { codeSampleArticle, SAMPLE_ENTITIES } from '../network/fixtures/sampleArticleCoding';
import { edgeList, twoModeNetwork, actorCongruenceNetwork, type Network } from '../network/networks';
import { buildAnalysisRows } from '../network/statementsTable';
import { statementRowsOf } from '../network/statementRow';
import { bratCodec } from './brat';
import type { FormatCodec, ImportedArticle } from './codec';
import { jsonlCodec } from './jsonl';
import { labelStudioCodec } from './labelStudio';
import { exportContext, exportFiles, importedToArticle, LABEL_NAMES, makeArticle, roundTrip } from './testing/articles';

const SAMPLE_TEXT = readFileSync(new URL('../../data/sample/iran-japan-syria.txt', import.meta.url), 'utf8');
const coding = codeSampleArticle(SAMPLE_TEXT);
const sample: Article = makeArticle(SAMPLE_TEXT, coding.spans, coding.statements, {
  id: 'sample',
  title: 'Iranian and Japanese diplomats discuss Syria',
  date: '2020-11-25',
});

/** Span by label (name), offsets and, if wanted, entity link (the two "the two diplomats" spans differ only by entity). */
const spanKeyOf = (s: { label: string; start: number; end: number; entityId?: string }, entities: boolean) =>
  `${LABEL_NAMES[s.label] ?? s.label}@${s.start}-${s.end}${entities ? `#${s.entityId ?? ''}` : ''}`;

function statementKeysOf(
  spans: { id?: string; label: string; start: number; end: number; entityId?: string }[],
  statements: ImportedArticle['statements'],
  entities = true,
) {
  const byId = new Map(spans.map((s) => [s.id, spanKeyOf(s, entities)]));
  return statements
    .map((st) => `${byId.get(st.actorSpanId)} ${st.polarity} ${byId.get(st.claimSpanId)} via ${st.stanceSpanId ? byId.get(st.stanceSpanId) : '-'}`)
    .sort();
}

const originalKeys = (entities: boolean) => statementKeysOf(sample.spans.map((s) => ({ ...s, label: s.labelId })), sample.statements, entities);

const edgesOf = (n: Network) => edgeList(n).map((e) => `${e.source}-${e.target} ${e.polarity} ${e.weight}`);
const rowsOf = (a: Article) => buildAnalysisRows(statementRowsOf(a), SAMPLE_ENTITIES);

describe.each<[string, FormatCodec, boolean]>([
  ['native JSONL', jsonlCodec, true],
  ['brat', bratCodec, true],
  ['Label Studio', labelStudioCodec, false],
])('statements of the hand-coded sample article through %s', (_name, codec, carriesEntities) => {
  const { articles, warnings } = roundTrip(codec, [sample]);

  it('come back complete: actor, claim, stance and polarity (and entity links where the format has them)', () => {
    expect(warnings).toEqual([]);
    expect(articles).toHaveLength(1);
    const [back] = articles;
    expect(back.text).toBe(SAMPLE_TEXT);
    expect(back.statements).toHaveLength(15);
    expect(statementKeysOf(back.spans, back.statements, carriesEntities)).toEqual(originalKeys(carriesEntities));
    if (!carriesEntities) expect(back.spans.filter((s) => s.entityId)).toEqual([]);
  });

  it(carriesEntities ? 'give the same two-mode and congruence networks' : 'give networks of unlinked mentions', () => {
    const back = importedToArticle(articles[0]);
    const twoMode = twoModeNetwork(rowsOf(back));
    if (carriesEntities) {
      expect(edgesOf(twoMode)).toEqual(edgesOf(twoModeNetwork(rowsOf(sample))));
      expect(edgesOf(actorCongruenceNetwork(rowsOf(back)))).toEqual(['a1-a2 congruence 3']);
    } else {
      // Without links each distinct mention text is its own node: "the two diplomats" stands for both diplomats at once.
      expect(twoMode.nodes.filter((n) => n.type === 'actor').map((n) => n.label)).toEqual([
        'unlinked: Akira Endo',
        'unlinked: He',
        'unlinked: Khaji',
        'unlinked: The Iranian diplomat',
        'unlinked: the two diplomats',
      ]);
      expect(rowsOf(back)).toHaveLength(15);
    }
  });
});

describe('the entity records the sample links to', () => {
  const linked = [...new Set(sample.spans.flatMap((s) => (s.entityId ? [s.entityId] : [])))].sort();
  const ctx = { ...exportContext(), entities: new Map(SAMPLE_ENTITIES.map((e) => [e.id, e])) };
  const parseBack = (codec: FormatCodec) =>
    codec.parse([...exportFiles(codec, [sample], ctx)].map(([name, text]) => ({ name: name || `export.${codec.extension}`, text })), {});

  it('travel whole in native JSONL, sorted by id', () => {
    expect(linked.length).toBeGreaterThan(0);
    expect(parseBack(jsonlCodec).entities).toEqual(linked.map((id) => SAMPLE_ENTITIES.find((e) => e.id === id)));
  });

  it('travel as id, kind and name in brat', () => {
    const back = parseBack(bratCodec).entities!;
    expect(back.map((e) => [e.id, e.kind, e.name]).sort()).toEqual(
      SAMPLE_ENTITIES.filter((e) => linked.includes(e.id)).map((e) => [e.id, e.kind, e.name]).sort(),
    );
  });
});
