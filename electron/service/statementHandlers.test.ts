import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchApi } from '../../shared/api/contract';
import type { Edit } from '../../shared/domain/edits';
import type { Entity, Polarity, Statement } from '../../shared/domain/model';
import { stanceByActor, stanceByConcept } from '../../shared/network/charts';
import { codeSampleArticle, SAMPLE_CONCEPTS, SAMPLE_ENTITIES } from '../../shared/network/fixtures/sampleArticleCoding';
import { findAll, readXml } from '../../shared/network/fixtures/readXml';
import { toGexf, toGraphML } from '../../shared/network/graphExport';
import {
  actorConflictNetwork,
  actorCongruenceNetwork,
  conceptConflictNetwork,
  conceptCongruenceNetwork,
  edgeList,
  twoModeNetwork,
  type Network,
} from '../../shared/network/networks';
import { buildAnalysisRows } from '../../shared/network/statementsTable';
import { suggestEntities } from '../../shared/network/suggest';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const T = '2026-01-01T00:00:00.000Z';
const actor = (id: string, name: string, aliases: string[] = []): Entity => ({ id, kind: 'actor', name, actorType: 'person', aliases, attributes: {} });
const concept = (id: string, name: string, aliases: string[] = []): Entity => ({ id, kind: 'concept', name, aliases, attributes: {} });
const statement = (id: string, actorSpanId: string, claimSpanId: string, polarity: Polarity, stanceSpanId?: string): Statement => ({
  id,
  actorSpanId,
  claimSpanId,
  polarity,
  ...(stanceSpanId ? { stanceSpanId } : {}),
  annotator: 'tester',
  createdAt: T,
  updatedAt: T,
});

/** An article whose text is `text`, coded with `edits`; returns its id. */
async function codedArticle(api: WorkbenchApi, title: string, text: string, edits: Edit[]) {
  const created = await api.createArticle({ title, text });
  if (edits.length) await api.editArticle({ articleId: created.id, edits });
  return created.id;
}

/** "Khaji denounced the presence": actor 0-5, stance 6-15, claim 16-28. */
const KHAJI_TEXT = 'Khaji denounced the presence';
const khajiEdits = (prefix: string, actorEntityId?: string, conceptId?: string): Edit[] => [
  { type: 'addSpan', span: makeSpan(`${prefix}-a`, 'actor', 0, 5, actorEntityId ? { entityId: actorEntityId } : {}) },
  { type: 'addSpan', span: makeSpan(`${prefix}-s`, 'stance', 6, 15) },
  { type: 'addSpan', span: makeSpan(`${prefix}-c`, 'claim', 16, 28, conceptId ? { entityId: conceptId } : {}) },
  { type: 'addStatement', statement: statement(`${prefix}-st`, `${prefix}-a`, `${prefix}-c`, 'oppose', `${prefix}-s`) },
];

describe('saveEntity', () => {
  it('creates and updates entities, refusing a second one of the same kind with the same name', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    await api.saveEntity({ entity: actor('khaji', 'Ali-Asghar Khaji') });
    await expect(api.saveEntity({ entity: actor('other', 'ali-asghar KHAJI') })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('merge'),
    });
    // The same name is fine for a concept, and for the entity itself (an update).
    await api.saveEntity({ entity: concept('khaji-concept', 'Ali-Asghar Khaji') });
    const updated = await api.saveEntity({ entity: actor('khaji', 'Ali-Asghar Khaji', ['Khaji']) });
    expect(updated.aliases).toEqual(['Khaji']);
    expect((await api.listEntities({})).map((e) => [e.id, e.kind, e.aliases])).toEqual([
      ['khaji', 'actor', ['Khaji']],
      ['khaji-concept', 'concept', []],
    ]);
    await session.close();
  });

  it('validates the entity and fills defaults', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    await expect(api.saveEntity({ entity: { id: 'x', kind: 'actor', name: '   ' } as Entity })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.saveEntity({ entity: { id: 'bad id', kind: 'actor', name: 'X' } as Entity })).rejects.toMatchObject({ code: 'invalid_input' });
    const saved = await api.saveEntity({ entity: { id: 'e1', kind: 'concept', name: 'Aid' } as Entity });
    expect(saved).toEqual({ id: 'e1', kind: 'concept', name: 'Aid', aliases: [], attributes: {} });
    await session.close();
  });

  it('is remembered when the workspace is opened again', async () => {
    const first = await openTestWorkspace(tmp.dir);
    await first.api.saveEntity({ entity: actor('endo', 'Akira Endo', ['Endo']) });
    await first.session.close();
    const again = await openTestWorkspace(tmp.dir);
    expect(await again.api.listEntities({})).toEqual([actor('endo', 'Akira Endo', ['Endo'])]);
    await again.session.close();
  });
});

describe('listEntities', () => {
  it('finds entities by any part of their name or an alias, ignoring case', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    await api.saveEntity({ entity: actor('khaji', 'Ali-Asghar Khaji', ['The Iranian diplomat']) });
    await api.saveEntity({ entity: actor('endo', 'Akira Endo', ['Japan’s Special Coordinator for Syria']) });
    await api.saveEntity({ entity: concept('aid', 'Humanitarian aid to Syria') });
    const ids = async (query?: string) => (await api.listEntities(query === undefined ? {} : { query })).map((e) => e.id);
    expect(await ids('iranian DIPLOMAT')).toEqual(['khaji']);
    expect(await ids('asghar')).toEqual(['khaji']);
    expect(await ids('syria')).toEqual(['endo', 'aid']);
    expect(await ids('  ')).toEqual(['khaji', 'endo', 'aid']);
    expect(await ids()).toEqual(['khaji', 'endo', 'aid']);
    expect(await ids('zarif')).toEqual([]);
    await session.close();
  });
});

describe('mergeEntities', () => {
  it('relinks spans in every article, turns the merged names into aliases and removes the merged entities', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    await api.saveEntity({ entity: actor('khaji', 'Ali-Asghar Khaji', ['Khaji']) });
    await api.saveEntity({ entity: actor('dup1', 'A. Khaji', ['Mr Khaji', 'Khaji']) });
    await api.saveEntity({ entity: actor('dup2', 'The Iranian diplomat') });
    await api.saveEntity({ entity: actor('endo', 'Akira Endo') });
    const one = await codedArticle(api, 'One', KHAJI_TEXT, khajiEdits('one', 'dup1'));
    const two = await codedArticle(api, 'Two', KHAJI_TEXT, [
      ...khajiEdits('two', 'dup2'),
      { type: 'addSpan', span: makeSpan('two-endo', 'actor', 0, 5, { entityId: 'endo' }) },
      { type: 'addSpan', span: makeSpan('two-already', 'actor', 6, 15, { entityId: 'khaji' }) },
    ]);

    const result = await api.mergeEntities({ ids: ['dup1', 'dup2', 'khaji'], intoId: 'khaji' });
    expect(result.spansRelinked).toBe(2);
    expect(result.entity).toMatchObject({ id: 'khaji', name: 'Ali-Asghar Khaji', aliases: ['Khaji', 'A. Khaji', 'Mr Khaji', 'The Iranian diplomat'] });
    expect((await api.listEntities({})).map((e) => e.id)).toEqual(['khaji', 'endo']);

    const linked = async (articleId: string) => Object.fromEntries((await api.getArticle({ id: articleId })).spans.map((s) => [s.id, s.entityId]));
    expect(await linked(one)).toEqual({ 'one-a': 'khaji', 'one-s': undefined, 'one-c': undefined });
    expect(await linked(two)).toEqual({ 'two-a': 'khaji', 'two-endo': 'endo', 'two-already': 'khaji', 'two-s': undefined, 'two-c': undefined });
    expect((await api.listStatements({})).map((r) => r.actorEntityId)).toEqual(['khaji', 'khaji']);
    await session.close();

    // The relinking was written to the article files, not only kept in memory.
    const again = await openTestWorkspace(tmp.dir);
    expect((await again.api.getArticle({ id: one })).spans.find((s) => s.id === 'one-a')?.entityId).toBe('khaji');
    await again.session.close();
  });

  it('refuses to merge an actor into a concept, and changes nothing', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    await api.saveEntity({ entity: actor('khaji', 'Ali-Asghar Khaji') });
    await api.saveEntity({ entity: concept('aid', 'Humanitarian aid') });
    const id = await codedArticle(api, 'One', KHAJI_TEXT, khajiEdits('one', 'khaji', 'aid'));
    await expect(api.mergeEntities({ ids: ['khaji'], intoId: 'aid' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await api.listEntities({})).map((e) => e.id)).toEqual(['khaji', 'aid']);
    expect((await api.getArticle({ id })).spans.map((s) => s.entityId)).toEqual(['khaji', undefined, 'aid']);
    await session.close();
  });

  it('reports unknown ids as not found', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    await api.saveEntity({ entity: actor('khaji', 'Ali-Asghar Khaji') });
    await expect(api.mergeEntities({ ids: ['nobody'], intoId: 'khaji' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(api.mergeEntities({ ids: ['khaji'], intoId: 'nobody' })).rejects.toMatchObject({ code: 'not_found' });
    await session.close();
  });
});

describe('deleteEntity', () => {
  it('unlinks every span that pointed to it and keeps the spans and statements', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    await api.saveEntity({ entity: actor('khaji', 'Ali-Asghar Khaji') });
    await api.saveEntity({ entity: concept('presence', 'U.S. presence in Syria') });
    const one = await codedArticle(api, 'One', KHAJI_TEXT, khajiEdits('one', 'khaji', 'presence'));
    const two = await codedArticle(api, 'Two', KHAJI_TEXT, khajiEdits('two', 'khaji'));

    expect(await api.deleteEntity({ id: 'khaji' })).toEqual({ deleted: 'khaji', spansUnlinked: 2 });
    expect((await api.listEntities({})).map((e) => e.id)).toEqual(['presence']);
    for (const id of [one, two]) {
      const article = await api.getArticle({ id });
      expect(article.spans).toHaveLength(3);
      expect(article.statements).toHaveLength(1);
      expect(article.spans.find((s) => s.labelId === 'actor')?.entityId).toBeUndefined();
    }
    const rows = await api.listStatements({});
    expect(rows.map((r) => [r.actorEntityId, r.conceptId])).toEqual([
      [undefined, 'presence'],
      [undefined, undefined],
    ]);
    await expect(api.deleteEntity({ id: 'khaji' })).rejects.toMatchObject({ code: 'not_found' });
    await session.close();
  });
});

describe('listStatements', () => {
  it('flattens each statement with its article, texts and UTF-16 offsets', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    // An emoji before the mention: offsets count UTF-16 units, so "Khaji" starts at 3, not 2.
    const text = '🐱 Khaji denounced the presence';
    const created = await api.createArticle({ title: 'Cat', text, date: '2020-11-25' });
    await api.editArticle({
      articleId: created.id,
      edits: [
        { type: 'addSpan', span: makeSpan('a', 'actor', 3, 8) },
        { type: 'addSpan', span: makeSpan('s', 'stance', 9, 18) },
        { type: 'addSpan', span: makeSpan('c', 'claim', 19, 31, { fragments: [{ start: 19, end: 22 }, { start: 23, end: 31 }] }) },
        { type: 'addStatement', statement: statement('st', 'a', 'c', 'oppose', 's') },
      ],
    });
    const [r] = await api.listStatements({ articleIds: [created.id] });
    expect(r).toEqual({
      articleId: created.id,
      articleTitle: 'Cat',
      articleDate: '2020-11-25',
      articleStatus: 'in_progress',
      statementId: 'st',
      polarity: 'oppose',
      actorSpanId: 'a',
      actorText: 'Khaji',
      claimSpanId: 'c',
      claimText: 'the presence', // the fragments, joined by a space
      stanceSpanId: 's',
      stanceText: 'denounced',
      actorStart: 3,
      actorEnd: 8,
      claimStart: 19,
      claimEnd: 31,
      claimFragments: [
        { start: 19, end: 22 },
        { start: 23, end: 31 },
      ],
      annotator: 'tester',
    });
    expect(text.slice(r.actorStart, r.actorEnd)).toBe(r.actorText);
    await session.close();
  });

  it('filters by article and by article status', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
    const one = await codedArticle(api, 'One', KHAJI_TEXT, khajiEdits('one'));
    const two = await codedArticle(api, 'Two', KHAJI_TEXT, [...khajiEdits('two'), { type: 'setStatus', status: 'done' }]);
    await codedArticle(api, 'Three (no statements)', KHAJI_TEXT, []);
    const ids = async (input: Parameters<WorkbenchApi['listStatements']>[0]) => (await api.listStatements(input)).map((r) => r.statementId);
    expect(await ids({})).toEqual(['one-st', 'two-st']);
    expect(await ids({ status: 'done' })).toEqual(['two-st']);
    expect(await ids({ status: 'in_progress' })).toEqual(['one-st']);
    expect(await ids({ articleIds: [one] })).toEqual(['one-st']);
    expect(await ids({ articleIds: [one], status: 'done' })).toEqual([]);
    expect(await ids({ articleIds: [two, one] })).toEqual(['one-st', 'two-st']);
    await session.close();
  });
});

/*
 * The sample article coded by hand (shared/network/fixtures/sampleArticleCoding.ts), through the
 * real service, into networks. Worked out by hand:
 *
 *   Khaji (10 statements): supports C1 third session, C2 dialogue (x2), C3 humanitarian aid (x2),
 *                          C4 political settlement, C5 non-interference, C7 U.S. withdrawal,
 *                          C8 fight against terrorism; opposes C6 U.S. presence.
 *   Endo  (5 statements):  supports C1, C2, C3 (jointly with Khaji), C9 Iran's role, C10 Astana.
 *
 *   Two-mode: 8 Khaji edges + 5 Endo edges = 13 edges, weights summing to 15 statements.
 *   Actor congruence: Endo-Khaji share (C1,+), (C2,+), (C3,+) -> one edge, weight 3.
 *   Actor conflict: Endo never opposes, Khaji only opposes C6, which Endo never mentions -> no edge.
 *   Concept congruence: Endo supports 5 concepts -> C(5,2) = 10 pairs; Khaji supports 7 -> 21
 *     pairs; the 3 pairs within {C1, C2, C3} are shared -> 10 + 21 - 3 = 28 edges, 3 of weight 2.
 *   Concept conflict: Khaji opposes C6 and supports 7 others -> 7 edges C6-x, weight 1.
 */
describe('the sample article, coded by hand', () => {
  const label = (n: Network, id: string) => n.nodes.find((x) => x.id === id)!.label;
  const edgeStrings = (n: Network) => edgeList(n).map((e) => `${label(n, e.source)} | ${label(n, e.target)} | ${e.polarity} ${e.weight}`);
  const C = SAMPLE_CONCEPTS;

  async function codedSample() {
    const opened = await openTestWorkspace(tmp.dir);
    const [sample] = await opened.api.listArticles({});
    const text = (await opened.api.getArticle({ id: sample.id })).text;
    const coding = codeSampleArticle(text);
    for (const entity of SAMPLE_ENTITIES) await opened.api.saveEntity({ entity });
    await opened.api.editArticle({ articleId: sample.id, edits: coding.edits });
    const statementRows = await opened.api.listStatements({});
    const rows = buildAnalysisRows(statementRows, await opened.api.listEntities({}));
    return { ...opened, text, coding, statementRows, rows };
  }

  it('finds every coded phrase where the fixture says it is', async () => {
    const { session, text, coding, statementRows } = await codedSample();
    expect(coding.spanText['m-he']).toBe('He');
    expect(coding.spanText['m-two-khaji']).toBe('the two diplomats');
    expect(coding.spanText['s-voicing-support']).toBe('voicing Iran’s support');
    expect(coding.spanText['c-us-presence']).toBe('the U.S. presence in Syria');
    for (const s of coding.spans) expect(text.slice(s.start, s.end)).toBe(coding.spanText[s.id]);
    expect(statementRows).toHaveLength(15);
    for (const r of statementRows) {
      expect(text.slice(r.actorStart, r.actorEnd)).toBe(r.actorText);
      expect(text.slice(r.claimStart, r.claimEnd)).toBe(r.claimText);
    }
    const denounced = statementRows.find((r) => r.statementId === 'st-khaji-c6')!;
    expect(denounced).toMatchObject({ actorText: 'The Iranian diplomat', actorEntityId: 'khaji', stanceText: 'denounced', conceptId: 'C6', polarity: 'oppose' });
    await session.close();
  });

  it('gives the two-mode network worked out by hand', async () => {
    const { session, rows } = await codedSample();
    const net = twoModeNetwork(rows);
    expect(net.nodes.filter((n) => n.type === 'actor').map((n) => [n.label, n.statements])).toEqual([
      ['Akira Endo', 5],
      ['Ali-Asghar Khaji', 10],
    ]);
    expect(net.nodes.filter((n) => n.type === 'concept')).toHaveLength(10);
    expect(edgeStrings(net)).toEqual([
      `Akira Endo | ${C.C10} | support 1`,
      `Akira Endo | ${C.C2} | support 1`,
      `Akira Endo | ${C.C3} | support 1`,
      `Akira Endo | ${C.C9} | support 1`,
      `Akira Endo | ${C.C1} | support 1`,
      `Ali-Asghar Khaji | ${C.C2} | support 2`,
      `Ali-Asghar Khaji | ${C.C8} | support 1`,
      `Ali-Asghar Khaji | ${C.C3} | support 2`,
      `Ali-Asghar Khaji | ${C.C5} | support 1`,
      `Ali-Asghar Khaji | ${C.C4} | support 1`,
      `Ali-Asghar Khaji | ${C.C1} | support 1`,
      `Ali-Asghar Khaji | ${C.C6} | oppose 1`,
      `Ali-Asghar Khaji | ${C.C7} | support 1`,
    ]);
    await session.close();
  });

  it('gives the congruence and conflict networks worked out by hand', async () => {
    const { session, rows } = await codedSample();
    expect(edgeStrings(actorCongruenceNetwork(rows))).toEqual(['Akira Endo | Ali-Asghar Khaji | congruence 3']);
    expect(actorConflictNetwork(rows).edges.length).toBe(0);

    const concepts = edgeList(conceptCongruenceNetwork(rows));
    expect(concepts).toHaveLength(28);
    expect(concepts.reduce((sum, e) => sum + e.weight, 0)).toBe(31);
    const net = conceptCongruenceNetwork(rows);
    expect(edgeStrings(net).filter((e) => e.endsWith(' 2')).sort()).toEqual(
      [`${C.C2} | ${C.C3} | congruence 2`, `${C.C2} | ${C.C1} | congruence 2`, `${C.C3} | ${C.C1} | congruence 2`].sort(),
    );
    const conflict = conceptConflictNetwork(rows);
    expect(conflict.edges.length).toBe(7);
    expect(edgeList(conflict).every((e) => e.weight === 1 && [label(conflict, e.source), label(conflict, e.target)].includes(C.C6))).toBe(true);
    await session.close();
  });

  it('gives the stance charts worked out by hand', async () => {
    const { session, rows } = await codedSample();
    expect(stanceByActor(rows).map((d) => [d.label, d.support, d.oppose, d.neutral])).toEqual([
      ['Ali-Asghar Khaji', 9, 1, 0],
      ['Akira Endo', 5, 0, 0],
    ]);
    expect(stanceByConcept(rows).map((d) => [d.label, d.total])).toEqual([
      [C.C2, 3],
      [C.C3, 3],
      [C.C1, 2],
      [C.C10, 1],
      [C.C8, 1],
      [C.C9, 1],
      [C.C5, 1],
      [C.C4, 1],
      [C.C6, 1],
      [C.C7, 1],
    ]);
    await session.close();
  });

  it('exports the sample networks as GraphML and GEXF that read back with the same counts', async () => {
    const { session, rows } = await codedSample();
    const net = twoModeNetwork(rows);
    for (const xml of [toGraphML(net), toGexf(net)]) {
      const doc = readXml(xml);
      expect(findAll(doc, 'node')).toHaveLength(12);
      expect(findAll(doc, 'edge')).toHaveLength(13);
    }
    await session.close();
  });

  it('suggests the coded entities for the article’s mentions', async () => {
    const { session, api } = await codedSample();
    const entities = await api.listEntities({});
    const best = (mention: string) => suggestEntities(mention, entities, 'actor')[0]?.entity.id;
    expect(best('The Iranian diplomat')).toBe('khaji');
    expect(best('Khaji')).toBe('khaji');
    expect(best('Akira Endo')).toBe('endo');
    expect(best('Japan’s Special Coordinator for Syria Akira Endo')).toBe('endo');
    expect(best('He')).toBeUndefined();
    expect(suggestEntities('the holding of the third session of the Syrian Constitutional Committee', entities, 'concept')[0].entity.id).toBe('C1');
    await session.close();
  });
});
