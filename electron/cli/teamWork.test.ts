/**
 * The way back from annotators to the lead, run in process as a team would: the lead assigns,
 * two annotators open their packages and code through the API (the app's own path), export work
 * packages, and the lead collects them into one layer per annotator. Then every rule of
 * collecting: newer revisions replace, the same package changes nothing, older work and foreign,
 * tampered or unassigned packages are refused writing nothing, and no layer touches another.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync, strToU8, type Zippable } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layerFileKey } from '../../shared/domain/layers';
import { readWorkPackage } from '../../shared/teams/workPackage';
import { listLayers } from '../service/layerStore';
import { makeSpan, openTestWorkspace, tempDir } from '../service/testWorkspace';
import { buildWorkspace, runWorkbenchInProcess as run, snapshotDir } from './cliTestHelpers';

let tmp: ReturnType<typeof tempDir>;
let cwd: string;
const file = (name: string) => path.join(cwd, name);

beforeEach(async () => {
  tmp = tempDir('workbench-teamwork-');
  cwd = tmp.dir;
  await buildWorkspace(file('lead'));
  // Every annotator codes every article: a1..a4.
  expect((await run(['assign', '--workspace', 'lead', '--lead', 'lea', '--out', 'pkgs', '--annotators', 'ann,bob'], cwd)).code).toBe(0);
  for (const who of ['ann', 'bob']) expect((await run(['open-package', '--workspace', who, `pkgs/${who}.wbpkg`], cwd)).code).toBe(0);
});
afterEach(() => tmp.cleanup());

/** Code in an annotator's workspace through the API, as the app does. */
async function code(who: string, articleId: string, spans: { id: string; labelId: string; start: number; end: number }[]) {
  const { session, api } = await openTestWorkspace(file(who), { create: false, seed: false });
  try {
    for (const s of spans) await api.editArticle({ articleId, edits: [{ type: 'addSpan', span: makeSpan(s.id, s.labelId, s.start, s.end, { annotator: who }) }] });
  } finally {
    await session.close();
  }
}

const exportWork = (who: string, out = `${who}-work.wbpkg`) => run(['export-work', '--workspace', who, '--out', out, '--force'], cwd);
const collect = (...files: string[]) => run(['collect', '--workspace', 'lead', ...files], cwd);

describe('export-work and collect', () => {
  it('brings each annotator\'s work back as their own layer, leaving the lead\'s own spans and the other layers alone', async () => {
    await code('ann', 'a1', [{ id: 'x1', labelId: 'actor', start: 0, end: 5 }]);
    await code('bob', 'a1', [{ id: 'y1', labelId: 'actor', start: 0, end: 5 }, { id: 'y2', labelId: 'claim', start: 16, end: 42 }]);
    expect(await exportWork('ann')).toMatchObject({ code: 0, stderr: '' });
    expect((await exportWork('bob')).stdout).toBe(`wrote ${file('bob-work.wbpkg')}: bob's work on 4 articles for lead lea (package ${(await readWorkPackage('b', readFileSync(file('bob-work.wbpkg')))).info.packageId})\n`);
    const leadArticleBefore = snapshotDir(file('lead/articles'));

    const r = await collect('ann-work.wbpkg', 'bob-work.wbpkg');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('ann-work.wbpkg (ann\'s work, package ');
    expect(r.stdout).toContain('): 4 layers collected\n');

    const layers = await listLayers(file('lead'), 'a1');
    expect(layers.map((l) => [l.annotator, l.spans.map((s) => s.id)])).toEqual([
      ['ann', ['x1']],
      ['bob', ['y1', 'y2']],
    ]);
    expect(layers[1].revision).toBe(2);
    expect((await listLayers(file('lead'), 'a3')).map((l) => [l.annotator, l.spans.length, l.revision])).toEqual([
      ['ann', 0, 0],
      ['bob', 0, 0],
    ]);
    // The lead's own (gold) layer is the article itself: untouched by collecting.
    expect(snapshotDir(file('lead/articles'))).toEqual(leadArticleBefore);
    expect(readdirSync(file('lead/layers/a1')).sort()).toEqual([`${layerFileKey('ann')}.json`, `${layerFileKey('bob')}.json`]);
  });

  it('replaces a layer with a newer revision, changes nothing for the same package, refuses an older one', async () => {
    await code('ann', 'a2', [{ id: 'x1', labelId: 'actor', start: 11, end: 17 }]);
    expect((await exportWork('ann', 'old.wbpkg')).code).toBe(0);
    await code('ann', 'a2', [{ id: 'x2', labelId: 'claim', start: 27, end: 36 }]);
    expect((await exportWork('ann', 'new.wbpkg')).code).toBe(0);

    expect((await collect('old.wbpkg')).code).toBe(0);
    expect((await listLayers(file('lead'), 'a2'))[0]).toMatchObject({ revision: 1 });
    expect((await collect('new.wbpkg')).stdout).toContain(': 1 layer collected, 3 layers already here at the same revision\n');
    expect((await listLayers(file('lead'), 'a2'))[0].spans.map((s) => s.id)).toEqual(['x1', 'x2']);

    const before = snapshotDir(file('lead'));
    expect((await collect('new.wbpkg')).stdout).toContain(': 0 layers collected, 4 layers already here at the same revision\n');
    expect(snapshotDir(file('lead'))).toEqual(before);
    const older = await collect('old.wbpkg');
    expect(older.code).toBe(1);
    expect(older.stderr).toContain('error: old.wbpkg: layers/a2.json is revision 1, older than ann\'s layer already collected (revision 2, from package ');
    expect(older.stderr).toContain('nothing was collected\n');
    expect(snapshotDir(file('lead'))).toEqual(before);
  });

  it('refuses a tampered package, one for another workspace, and unassigned work unless accepted, writing nothing', async () => {
    await code('ann', 'a1', [{ id: 'x1', labelId: 'actor', start: 0, end: 5 }]);
    expect((await exportWork('ann')).code).toBe(0);
    const before = snapshotDir(file('lead'));

    // Tampered: a span moved inside the archive without updating the checksums.
    const entries = unzipSync(readFileSync(file('ann-work.wbpkg'))) as Zippable;
    entries['layers/a1.json'] = strToU8(new TextDecoder().decode(entries['layers/a1.json'] as Uint8Array).replace('"end":5', '"end":6'));
    writeFileSync(file('tampered.wbpkg'), zipSync(entries));
    const t = await collect('tampered.wbpkg');
    expect(t).toMatchObject({ code: 1 });
    expect(t.stderr).toContain('tampered.wbpkg (entry layers/a1.json): its SHA-256 checksum does not match package.json');

    // A lead workspace that did not assign it.
    await buildWorkspace(file('other'));
    expect((await run(['assign', '--workspace', 'other', '--lead', 'lea', '--out', 'pkgs2', '--annotators', 'ann'], cwd)).code).toBe(0);
    const foreign = await run(['collect', '--workspace', 'other', 'ann-work.wbpkg'], cwd);
    expect(foreign.stderr).toMatch(/^error: ann-work\.wbpkg carries work on lead lea's assignment from another workspace \(w\w+\); collect it in the workspace that assigned it\n$/);

    // Work from someone the lead never assigned: ann's package, re-made under another name.
    const pkg = await readWorkPackage('ann-work.wbpkg', readFileSync(file('ann-work.wbpkg')));
    const { buildWorkPackage } = await import('../../shared/teams/workPackage');
    writeFileSync(file('cy-work.wbpkg'), await buildWorkPackage({ ...pkg.info, annotator: 'cy', packageId: 'pcy1' }, pkg));
    const unassigned = await collect('cy-work.wbpkg');
    expect(unassigned.stderr).toBe(
      'error: cy-work.wbpkg: cy was not assigned articles a1, a2, a3, a4; collect it again accepting unassigned work (--accept-unassigned) to take those layers\n',
    );
    expect(snapshotDir(file('lead'))).toEqual(before);
    const accepted = await run(['collect', '--workspace', 'lead', '--accept-unassigned', 'cy-work.wbpkg'], cwd);
    expect(accepted.stdout).toContain(': 4 layers collected, 4 articles not assigned to cy accepted\n');
    expect((await listLayers(file('lead'), 'a1')).map((l) => l.annotator)).toEqual(['cy']);
  });

  it('asks how to map the labels of work coded with another schema, then relabels or adds them as told', async () => {
    // ann renames "actor" and adds a label of her own, then codes with both.
    const { session } = await openTestWorkspace(file('ann'), { create: false, seed: false });
    await session.store.updateManifest((m) => {
      m.schema.labels = m.schema.labels.map((l) => (l.id === 'actor' ? { ...l, name: 'Speaker' } : l));
      m.schema.labels.push({ id: 'topic', name: 'Topic', color: '#123456' });
    });
    await session.close();
    await code('ann', 'a1', [{ id: 'x1', labelId: 'actor', start: 0, end: 5 }, { id: 'x2', labelId: 'topic', start: 16, end: 42 }]);
    await exportWork('ann');
    const leadBefore = snapshotDir(file('lead'));

    const refused = await collect('ann-work.wbpkg');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"actor" is named "Speaker" in the package and "Actor" in the workspace; "topic" (Topic) only in the package');
    expect(refused.stderr).toContain('--map ID=LABEL');
    expect(snapshotDir(file('lead'))).toEqual(leadBefore);
    // An answer for one label only: refused, naming the other.
    const partial = await run(['collect', '--workspace', 'lead', '--map', 'actor=Actor', 'ann-work.wbpkg'], cwd);
    expect(partial.stderr).toContain('No answer yet for "topic"');
    expect(snapshotDir(file('lead'))).toEqual(leadBefore);

    const r = await run(['collect', '--workspace', 'lead', '--map', 'actor=actor', '--add-unknown-labels', 'ann-work.wbpkg'], cwd);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('4 layers collected, 1 label added to the schema (topic)');
    const lead = JSON.parse(readFileSync(file('lead/workspace.json'), 'utf8')) as { schema: { labels: { id: string; name: string }[] } };
    expect(lead.schema.labels.find((l) => l.id === 'topic')).toMatchObject({ name: 'Topic', color: '#123456' });
    expect((await listLayers(file('lead'), 'a1'))[0].spans.map((s) => [s.id, s.labelId])).toEqual([
      ['x1', 'actor'],
      ['x2', 'topic'],
    ]);
  });

  it('refuses work made on another text, or for articles the lead no longer has', async () => {
    expect((await exportWork('ann')).code).toBe(0);
    const pkg = await readWorkPackage('ann-work.wbpkg', readFileSync(file('ann-work.wbpkg')));
    const { buildWorkPackage } = await import('../../shared/teams/workPackage');
    const changed = pkg.layers.map((l) => (l.articleId === 'a4' ? { ...l, textSha256: '0'.repeat(64) } : l));
    writeFileSync(file('text.wbpkg'), await buildWorkPackage({ ...pkg.info, packageId: 'ptext' }, { ...pkg, layers: changed }));
    expect((await collect('text.wbpkg')).stderr).toBe('error: text.wbpkg: layers/a4.json was made on another text than article a4\'s here; nothing was collected\n');

    const { session, api } = await openTestWorkspace(file('lead'), { create: false, seed: false });
    await api.deleteArticle({ id: 'a3' });
    await session.close();
    expect((await collect('ann-work.wbpkg')).stderr).toBe('error: ann-work.wbpkg holds work on articles this workspace does not have: a3\n');
  });

  it('removes an article\'s layers with the article, and layers of a deleted article left by a stopped delete on the next open', async () => {
    expect((await exportWork('ann')).code).toBe(0);
    expect((await collect('ann-work.wbpkg')).code).toBe(0);
    const { session, api } = await openTestWorkspace(file('lead'), { create: false, seed: false });
    await api.deleteArticle({ id: 'a1' });
    await session.close();
    expect(readdirSync(file('lead/layers')).sort()).toEqual(['a2', 'a3', 'a4']);

    // A delete stopped after its manifest write: the article is gone from the index, its layers remain.
    const m = JSON.parse(readFileSync(file('lead/workspace.json'), 'utf8')) as { articles: { id: string }[] };
    m.articles = m.articles.filter((a) => a.id !== 'a2');
    writeFileSync(file('lead/workspace.json'), JSON.stringify(m));
    const reopened = await openTestWorkspace(file('lead'), { create: false, seed: false });
    expect(reopened.session.notices.join('\n')).toContain(`removed the collected layers of 1 deleted article from ${file('lead/layers')}: a2`);
    await reopened.session.close();
    expect(readdirSync(file('lead/layers')).sort()).toEqual(['a3', 'a4']);
  });
});

describe('agreement', () => {
  it('computes agreement over the collected layers, as CSV and as JSON', async () => {
    // a1: both mark "Khaji" as actor; only bob marks the claim. a2: both mark "Tehran" exactly.
    await code('ann', 'a1', [{ id: 'x1', labelId: 'actor', start: 0, end: 5 }]);
    await code('bob', 'a1', [{ id: 'y1', labelId: 'actor', start: 0, end: 5 }, { id: 'y2', labelId: 'claim', start: 16, end: 42 }]);
    await code('ann', 'a2', [{ id: 'x2', labelId: 'actor', start: 11, end: 17 }]);
    await code('bob', 'a2', [{ id: 'y3', labelId: 'actor', start: 11, end: 17 }]);
    for (const who of ['ann', 'bob']) expect((await exportWork(who)).code).toBe(0);
    expect((await collect('ann-work.wbpkg', 'bob-work.wbpkg')).code).toBe(0);

    const r = await run(['agreement', '--workspace', 'lead', '--out', 'agreement.csv'], cwd);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    // a3 and a4 were never started by either: missing, not agreed on.
    expect(r.stdout).toContain('2 annotators (ann, bob), 2 articles coded, 2 compared, 2 coded by all\n');
    // Exact matches: 2 of ann's 2 spans, 2 of bob's 3: F1 = 2 * 2 / (2 + 3) = 0.8.
    expect(r.stdout).toContain('  ann / bob: exact F1 0.800, overlap F1 0.800 (2 articles)\n');
    const csv = readFileSync(file('agreement.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('measure,label,annotators,articles,value,undefined_because,observed,expected,items,precision,recall');
    expect(csv).toContain('span_exact_f1,,ann+bob,2,0.8,,,,,1,0.6666666666666666');
    expect(csv).toContain('span_exact_f1,actor,ann+bob,2,1,,,,,1,1');
    expect(csv).toContain('span_exact_f1,claim,ann+bob,2,0,,,,,0,0');

    const j = await run(['agreement', '--workspace', 'lead', '--annotators', 'ann,bob', '--articles', 'a2', '--out', 'a2.json'], cwd);
    expect(j.code).toBe(0);
    const report = JSON.parse(readFileSync(file('a2.json'), 'utf8'));
    expect(report.articles).toEqual({ total: 1, compared: 1, codedByAll: 1 });
    expect(report.spans.pairs[0].exactF1.overall).toEqual({ value: 1, precision: 1, recall: 1 });
    expect(report.disagreements).toEqual([]);

    expect((await run(['agreement', '--workspace', 'lead', '--annotators', 'ann,zed', '--out', 'x.csv'], cwd)).stderr).toBe(
      'error: no layer of zed was collected for the chosen articles (annotators with layers: ann, bob)\n',
    );
    expect((await run(['agreement', '--workspace', 'lead', '--out', 'x.txt'], cwd)).code).toBe(2);
  });
});

describe('export --layer', () => {
  const exportJsonl = (...extra: string[]) => run(['export', '--workspace', 'lead', '--format', 'jsonl', '--out', 'out.jsonl', ...extra], cwd);
  const records = () =>
    readFileSync(file('out.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; title: string; spans: { id: string }[] });

  it('exports gold by default, one annotator\'s layer or every layer on request, and refuses to pick between annotators', async () => {
    // a3 has no gold (no spans, not done). Only ann codes it at first.
    await code('ann', 'a3', [{ id: 'x3', labelId: 'actor', start: 0, end: 7 }]);
    await code('bob', 'a1', [{ id: 'y1', labelId: 'actor', start: 0, end: 5 }]);
    for (const who of ['ann', 'bob']) expect((await exportWork(who)).code).toBe(0);
    expect((await collect('ann-work.wbpkg', 'bob-work.wbpkg')).code).toBe(0);

    const fallback = await exportJsonl();
    expect(fallback.code).toBe(0);
    expect(fallback.stderr).toBe('warning: 1 article has no gold layer; the one collected layer was exported: a3 (ann)\n');
    expect(records().map((r) => [r.id, r.spans.map((s) => s.id)])).toEqual([
      ['a1', ['s1', 's2', 's3']],
      ['a2', ['s4', 's5']],
      ['a3', ['x3']],
      ['a4', ['s6']],
    ]);

    expect((await exportJsonl('--layer', 'annotator:bob')).code).toBe(0);
    expect(records().map((r) => [r.id, r.spans.map((s) => s.id)])).toEqual([
      ['a1', ['y1']],
      ['a2', []],
      ['a3', []],
      ['a4', []],
    ]);
    expect((await exportJsonl('--layer', 'all')).code).toBe(0);
    expect(records().map((r) => r.id)).toEqual(['a1__gold', 'a1__ann', 'a1__bob', 'a2__gold', 'a2__ann', 'a2__bob', 'a3__gold', 'a3__ann', 'a3__bob', 'a4__gold', 'a4__ann', 'a4__bob']);
    expect(records()[2].title).toBe('Article a1 [annotator:bob]');

    // Now bob codes a3 too: two layers, no gold.
    await code('bob', 'a3', [{ id: 'y3', labelId: 'claim', start: 8, end: 18 }]);
    expect((await exportWork('bob')).code).toBe(0);
    expect((await collect('bob-work.wbpkg')).code).toBe(0);
    const before = readFileSync(file('out.jsonl'), 'utf8');
    const refused = await exportJsonl();
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.stderr).toBe(
      'error: 1 article has layers of several annotators and no gold layer: a3. Curate them into gold, or choose a layer: gold, annotator:NAME, or all (every layer as its own record); nothing was written\n',
    );
    expect(readFileSync(file('out.jsonl'), 'utf8')).toBe(before);
    expect((await exportJsonl('--layer', 'gold')).code).toBe(0);
    expect(records().find((r) => r.id === 'a3')!.spans).toEqual([]);

    const network = await run(['export', '--workspace', 'lead', '--format', 'graphml', '--layer', 'all', '--out', 'n.graphml'], cwd);
    expect(network.stderr).toBe('error: a network of every layer at once would count each statement once per annotator: choose gold or annotator:NAME\n');
    expect((await run(['export', '--workspace', 'lead', '--format', 'graphml', '--layer', 'annotator:ann', '--out', 'n.graphml'], cwd)).code).toBe(0);
    expect((await exportJsonl('--layer', 'annotator:zed')).stderr).toBe('error: no layer of zed was collected for the articles chosen\n');
  });
});
