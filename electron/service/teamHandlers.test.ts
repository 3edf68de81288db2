/**
 * The team operations through the real dispatcher, as the app calls them: assign in the lead's
 * workspace, open the packages in two annotators' workspaces, code, export work, collect (two at
 * once, truly concurrent), then the layers, the team status and the agreement report.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorkspace } from '../cli/cliTestHelpers';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('workbench-team-api-')));
afterEach(() => tmp.cleanup());

type Opened = Awaited<ReturnType<typeof openTestWorkspace>>;
const sessions: Opened[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.session.close();
});
async function open(name: string): Promise<Opened> {
  const opened = await openTestWorkspace(`${tmp.dir}/${name}`, { seed: false });
  sessions.push(opened);
  return opened;
}

describe('team operations', () => {
  it('assign, open, code, export work and collect through the API; two collects at once both recorded', async () => {
    await buildWorkspace(`${tmp.dir}/lead`);
    const lead = await open('lead');
    const assigned = await lead.api.assignArticles({ annotators: ['ann', 'bob'], lead: 'lea' });
    expect(assigned.packages.map((p) => [p.annotator, p.fileName, p.articles])).toEqual([
      ['ann', 'ann.wbpkg', 4],
      ['bob', 'bob.wbpkg', 4],
    ]);

    const work = [];
    for (const [i, pkg] of assigned.packages.entries()) {
      const coder = await open(pkg.annotator);
      const opened = await coder.api.openAssignmentPackage({ file: { name: pkg.fileName, content: pkg.content, encoding: 'base64' } });
      expect(opened).toMatchObject({ lead: 'lea', added: 4, kept: 0, unchanged: false });
      // ann marks "Khaji"; bob marks "Khaji denounced" (overlapping, not exact).
      await coder.api.editArticle({ articleId: 'a1', edits: [{ type: 'addSpan', span: makeSpan(`s${i}`, 'actor', 0, i === 0 ? 5 : 15, { annotator: pkg.annotator }) }] });
      const exported = await coder.api.exportWorkPackage({});
      expect(exported).toMatchObject({ fileName: `${pkg.annotator}-work.wbpkg`, annotator: pkg.annotator, lead: 'lea', articles: 4 });
      work.push(exported);
    }

    const results = await Promise.all(work.map((w) => lead.api.collectWorkPackage({ file: { name: w.fileName, content: w.content, encoding: 'base64' } })));
    expect(results.map((r) => r.status === 'collected' && [r.annotator, r.written])).toEqual([
      ['ann', 4],
      ['bob', 4],
    ]);
    const status = await lead.api.getTeamStatus({});
    expect(status.collected.map((c) => c.annotator).sort()).toEqual(['ann', 'bob']);
    expect(status.assignments.map((a) => [a.annotator, a.articles])).toEqual([
      ['ann', 4],
      ['bob', 4],
    ]);
    expect(status.layerCounts).toEqual({ a1: 2, a2: 2, a3: 2, a4: 2 });

    const { layers } = await lead.api.listArticleLayers({ articleId: 'a1' });
    expect(layers.map((l) => [l.annotator, l.spans.map((s) => [s.start, s.end])])).toEqual([
      ['ann', [[0, 5]]],
      ['bob', [[0, 15]]],
    ]);
    // Sent without who made each span and when: the layer says it once.
    expect(Object.keys(layers[0].spans[0]).sort()).toEqual(['end', 'id', 'labelId', 'start']);
    expect(layers[0]).toMatchObject({ annotator: 'ann', status: expect.any(String), collectedAt: expect.any(String) });
    // With the places where they differ, as positions in those spans: one, each annotator's one span.
    expect((await lead.api.listArticleLayers({ articleId: 'a1' })).spanPlaces).toEqual({ annotators: ['ann', 'bob'], agreedFrom: 'ann', agreed: [], items: [{ start: 0, end: 15, options: [[0], [0]] }] });
    const report = await lead.api.computeAgreement({});
    expect(report.annotators).toEqual(['ann', 'bob']);
    expect(report.spans.pairs[0].exactF1.overall.value).toBe(0);
    expect(report.spans.pairs[0].overlapF1.overall.value).toBe(1);
    expect(report.disagreements).toHaveLength(1);
    expect(report.disagreements[0]).toMatchObject({ kind: 'span', articleId: 'a1', range: { start: 0, end: 15 } });

    // Curation progress: a1 has one place to decide; a2..a4 were never started by either (no coded layers: no places).
    expect((await lead.api.getCurationProgress({})).articles).toEqual({
      a1: { layers: 2, places: 1, open: 1 },
      a2: { layers: 2, places: 0, open: 0 },
      a3: { layers: 2, places: 0, open: 0 },
      a4: { layers: 2, places: 0, open: 0 },
    });
    await lead.api.editArticle({ articleId: 'a1', edits: [{ type: 'setCurationDecision', key: 'span:0-15', decided: true }] });
    expect((await lead.api.getCurationProgress({})).articles.a1).toEqual({ layers: 2, places: 1, open: 0 });
  });

  it('asks before taking work the annotator was not assigned, writing nothing until accepted', async () => {
    await buildWorkspace(`${tmp.dir}/lead`);
    const lead = await open('lead');
    const assigned = await lead.api.assignArticles({ annotators: ['ann', 'bob'], lead: 'lea', articleIds: ['a1', 'a2'], doubleCodedPercent: 0, seed: 3 });
    expect(assigned.doubleCoded).toBe(0);
    const annPkg = assigned.packages.find((p) => p.annotator === 'ann')!;
    const coder = await open('ann');
    await coder.api.openAssignmentPackage({ file: { name: annPkg.fileName, content: annPkg.content, encoding: 'base64' } });
    const w = await coder.api.exportWorkPackage({});
    // Handed in under bob's name: bob was given the other article.
    const { readWorkPackage, buildWorkPackage } = await import('../../shared/teams/workPackage');
    const pkg = await readWorkPackage(w.fileName, Buffer.from(w.content, 'base64'));
    const asBob = Buffer.from(await buildWorkPackage({ ...pkg.info, annotator: 'bob', packageId: 'pbob' }, pkg)).toString('base64');

    const asked = await lead.api.collectWorkPackage({ file: { name: 'bob-work.wbpkg', content: asBob, encoding: 'base64' } });
    expect(pkg.layers).toHaveLength(1);
    expect(asked).toMatchObject({ status: 'needsAcceptance', annotator: 'bob', articleIds: [pkg.layers[0].articleId] });
    expect(asked.status === 'needsAcceptance' && asked.message).toContain('--accept-unassigned');
    expect((await lead.api.getTeamStatus({})).layerCounts).toEqual({});
    const taken = await lead.api.collectWorkPackage({ file: { name: 'bob-work.wbpkg', content: asBob, encoding: 'base64' }, acceptUnassigned: true });
    expect(taken).toMatchObject({ status: 'collected', annotator: 'bob', written: 1, unassignedAccepted: 1 });
  });
});

describe('entity proposals', () => {
  it('lists the entities annotators linked that the registry lacks; accept adds one, merge and reject are recorded', async () => {
    await buildWorkspace(`${tmp.dir}/lead`);
    const lead = await open('lead');
    const khaji = await lead.api.saveEntity({ entity: { id: 'eKhaji', kind: 'actor', name: 'Ali-Asghar Khaji', aliases: [], attributes: {} } });
    const [pkg] = (await lead.api.assignArticles({ annotators: ['ann'], lead: 'lea' })).packages;
    const ann = await open('ann');
    await ann.api.openAssignmentPackage({ file: { name: pkg.fileName, content: pkg.content, encoding: 'base64' } });
    // ann makes two entities of her own: one the lead has under another id ("Khaji"), one new.
    for (const [id, name] of [['eK2', 'Khaji'], ['eTehran', 'Tehran']] as const) await ann.api.saveEntity({ entity: { id, kind: 'actor', name, aliases: [], attributes: {} } });
    await ann.api.editArticle({ articleId: 'a1', edits: [{ type: 'addSpan', span: makeSpan('x1', 'actor', 0, 5, { annotator: 'ann', entityId: 'eK2' }) }] });
    await ann.api.editArticle({ articleId: 'a2', edits: [{ type: 'addSpan', span: makeSpan('x2', 'actor', 11, 17, { annotator: 'ann', entityId: 'eTehran' }) }] });
    const w = await ann.api.exportWorkPackage({});
    const collected = await lead.api.collectWorkPackage({ file: { name: w.fileName, content: w.content, encoding: 'base64' } });
    expect(collected.status === 'collected' && collected.proposals.map((e) => e.id)).toEqual(['eK2', 'eTehran']);

    const listed = await lead.api.listEntityProposals({});
    expect(listed.map((p) => [p.entity.name, p.annotators, p.articles, p.decision])).toEqual([
      ['Khaji', ['ann'], 1, undefined],
      ['Tehran', ['ann'], 1, undefined],
    ]);
    await expect(lead.api.decideEntityProposal({ entityId: 'eK2', decision: { decision: 'merged', into: 'nope' } })).rejects.toThrow('the registry has no entity with id nope');
    await lead.api.decideEntityProposal({ entityId: 'eK2', decision: { decision: 'merged', into: khaji.id } });
    await lead.api.decideEntityProposal({ entityId: 'eTehran', decision: { decision: 'accepted' } });
    expect((await lead.api.listEntities({})).map((e) => e.name).sort()).toEqual(['Ali-Asghar Khaji', 'Tehran']);
    expect((await lead.api.listEntityProposals({})).map((p) => [p.entity.id, p.decision])).toEqual([
      ['eK2', { decision: 'merged', into: 'eKhaji' }],
      ['eTehran', { decision: 'accepted' }],
    ]);
    await expect(lead.api.decideEntityProposal({ entityId: 'eMissing', decision: { decision: 'rejected' } })).rejects.toThrow('no collected layer proposes an entity with id eMissing');
  });
});
