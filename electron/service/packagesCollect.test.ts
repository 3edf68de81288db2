/**
 * Collecting reads a work package one layer at a time: the plan keeps ids and revisions, and the
 * commit parses each layer it writes again from the package, so a package of 1,000 layers is
 * never in memory as 1,000 parsed layers (bench `teams`). A layer entry that is not a layer is
 * still found before anything is written. The whole flow through the CLI: electron/cli/teamWork.test.ts.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FormatError } from '../../shared/formats/codec';
import { nowIso, type Article } from '../../shared/domain/model';
import { buildPackage, jsonBytes } from '../../shared/teams/package';
import { buildWorkPackage, layerEntry, openWorkPackage, readWorkPackage, textSha256, type OpenedWorkPackage, type WorkLayer } from '../../shared/teams/workPackage';
import { SCHEMA_ENTRY, ENTITIES_ENTRY } from '../../shared/teams/assignmentPackage';
import { listLayers } from './layerStore';
import { commitCollect, planCollect } from './packagesCollect';
import { LabelMappingNeededError } from './packagesLabels';
import { readTeamRecord, workspaceIdOf } from './packagesRecord';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';
import type { WorkspaceSession } from './workspace';

let tmp: ReturnType<typeof tempDir>;
let session: WorkspaceSession;
let api: Awaited<ReturnType<typeof openTestWorkspace>>['api'];
let workspaceId: string;
const TEXT = 'Khaji said talks would continue in Geneva.';
const IDS = ['a1', 'a2', 'a3'];

beforeEach(async () => {
  tmp = tempDir('workbench-collect-');
  ({ session, api } = await openTestWorkspace(tmp.dir, { seed: false }));
  const now = nowIso();
  const articles: Article[] = IDS.map((id) => ({ id, title: id, status: 'not_started', createdAt: now, updatedAt: now, text: TEXT, spans: [], statements: [] }));
  await session.store.addArticles(articles);
  const ws = await workspaceIdOf(tmp.dir);
  await ws.save([{ packageId: 'passign', annotator: 'ann', lead: 'lea', createdAt: now, articleIds: IDS }]);
  workspaceId = ws.workspaceId;
});
afterEach(async () => {
  await session.close();
  tmp.cleanup();
});

const header = () => ({ packageId: 'pwork1', createdAt: nowIso(), annotator: 'ann', lead: 'lea', sourceWorkspaceId: workspaceId });

async function layer(articleId: string, spanId: string): Promise<WorkLayer> {
  return { articleId, revision: 2, status: 'in_progress', updatedAt: nowIso(), textSha256: await textSha256(TEXT), spans: [makeSpan(spanId, 'actor', 0, 5, { annotator: 'ann' })], statements: [] };
}

/** The package, counting how often each layer is parsed. */
function counting(pkg: OpenedWorkPackage): { pkg: OpenedWorkPackage; parsed: Map<string, number> } {
  const parsed = new Map<string, number>();
  return {
    parsed,
    pkg: { ...pkg, layer: (id) => (parsed.set(id, (parsed.get(id) ?? 0) + 1), pkg.layer(id)) },
  };
}

describe('collect, one layer at a time', () => {
  it('plans with ids and revisions only, and parses each layer again as it writes it', async () => {
    const layers = await Promise.all(IDS.map((id, i) => layer(id, `x${i}`)));
    const bytes = await buildWorkPackage(header(), { schema: session.store.schema, entities: [], layers });
    const { pkg, parsed } = counting(await openWorkPackage('ann-work.wbpkg', bytes));
    expect(pkg.layerIds).toEqual(IDS);
    expect(parsed.size).toBe(0); // opening parses no layer

    const plan = await planCollect(session.store, pkg);
    expect(plan.write).toEqual(IDS);
    expect(plan.revisions).toEqual({ a1: 2, a2: 2, a3: 2 });
    expect([...parsed.values()]).toEqual([1, 1, 1]);
    // Nothing of a layer's content stays in the plan.
    expect(JSON.stringify({ ...plan, pkg: undefined })).not.toContain('"spans"');

    await commitCollect(session.store, plan);
    expect([...parsed.values()]).toEqual([2, 2, 2]);
    for (const [i, id] of IDS.entries()) expect((await listLayers(tmp.dir, id)).map((l) => [l.annotator, l.revision, l.spans.map((s) => s.id)])).toEqual([['ann', 2, [`x${i}`]]]);
    expect((await readTeamRecord(tmp.dir)).record.collectedPackages.map((p) => [p.packageId, p.revisions])).toEqual([['pwork1', { a1: 2, a2: 2, a3: 2 }]]);
  });

  it('finds a layer entry that is not a layer before writing anything, naming the package and the entry', async () => {
    const good = await Promise.all(['a1', 'a2'].map((id, i) => layer(id, `x${i}`)));
    // Checksums right, content wrong: a span without an end. Only parsing the layer finds it.
    const broken = { ...(await layer('a3', 'x2')), spans: [{ id: 'x2', labelId: 'actor', start: 0 }] };
    const bytes = await buildPackage({ ...header(), kind: 'work' }, [
      { path: SCHEMA_ENTRY, bytes: jsonBytes(session.store.schema) },
      { path: ENTITIES_ENTRY, bytes: jsonBytes([]) },
      ...[...good, broken].map((l) => ({ path: layerEntry(l.articleId), bytes: jsonBytes(l) })),
    ]);
    const pkg = await openWorkPackage('ann-work.wbpkg', bytes);
    const refusal = await planCollect(session.store, pkg).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(FormatError);
    expect((refusal as Error).message).toContain('ann-work.wbpkg (entry layers/a3.json): not what a package holds there (spans.0.end:');
    expect(existsSync(path.join(tmp.dir, 'layers')) ? readdirSync(path.join(tmp.dir, 'layers')) : []).toEqual([]);
    // Reading it whole refuses it the same way.
    await expect(readWorkPackage('ann-work.wbpkg', bytes)).rejects.toThrow('ann-work.wbpkg (entry layers/a3.json): not what a package holds there');
  });
});

describe('collect from another label schema', () => {
  /** The annotator's schema: actor renamed "Speaker", a label "topic" the lead lacks, no stance label. */
  const annotatorSchema = () => ({
    labels: [
      { id: 'actor', name: 'Speaker', color: '#111111' },
      { id: 'claim', name: 'Claim', color: '#222222' },
      { id: 'topic', name: 'Topic', color: '#333333' },
    ],
  });
  let bytes: Uint8Array;
  beforeEach(async () => {
    const l = await layer('a1', 'x0');
    l.spans.push(makeSpan('x1', 'topic', 6, 10, { annotator: 'ann' }));
    bytes = await buildWorkPackage(header(), { schema: annotatorSchema(), entities: [], layers: [l] });
  });
  /** The same package each time it is opened within a test. */
  const packageOf = () => openWorkPackage('ann-work.wbpkg', bytes);

  it('refuses without an answer, naming the labels, and writes nothing', async () => {
    const refusal = await planCollect(session.store, await packageOf()).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(LabelMappingNeededError);
    expect((refusal as LabelMappingNeededError).labels.map((l) => l.id)).toEqual(['actor', 'topic']);
    expect((refusal as Error).message).toContain('"actor" is named "Speaker" in the package and "Actor" in the workspace');
    expect((refusal as Error).message).toContain('"topic" (Topic) only in the package');
    expect(await listLayers(tmp.dir, 'a1')).toEqual([]);
    // A partial answer is refused too, naming what is left.
    await expect(planCollect(session.store, await packageOf(), { labelMapping: { actor: 'actor' } })).rejects.toThrow('No answer for "topic"');
  });

  it("relabels the layer's spans as mapped and adds the labels the lead takes, before the layers; again changes nothing", async () => {
    const before = session.store.schema.labels.map((l) => l.id);
    const plan = await planCollect(session.store, await packageOf(), { labelMapping: { actor: 'actor', topic: 'add' } });
    expect(plan.newLabels.map((l) => [l.id, l.name])).toEqual([['topic', 'Topic']]);
    expect(plan.workspaceOnlyLabels).toEqual(before.filter((id) => id !== 'actor' && id !== 'claim'));
    await commitCollect(session.store, plan);
    expect(session.store.schema.labels.map((l) => l.id)).toEqual([...before, 'topic']);
    const [collected] = await listLayers(tmp.dir, 'a1');
    expect(collected.spans.map((s) => [s.id, s.labelId])).toEqual([
      ['x0', 'actor'],
      ['x1', 'topic'],
    ]);

    // Mapped onto an existing label instead: the spans carry that label.
    const again = await planCollect(session.store, await packageOf(), { labelMapping: { actor: 'actor', topic: 'add' } });
    expect(again.newLabels).toEqual([]);
    expect(again.write).toEqual([]);
    expect(again.unchanged).toEqual(['a1']);
  });

  it('maps a package label onto another workspace label', async () => {
    const plan = await planCollect(session.store, await packageOf(), { labelMapping: { actor: 'actor', topic: 'claim' } });
    expect(plan.newLabels).toEqual([]);
    await commitCollect(session.store, plan);
    expect((await listLayers(tmp.dir, 'a1'))[0].spans.map((s) => s.labelId)).toEqual(['actor', 'claim']);
  });

  it('through the API: answers needsLabelMapping with the labels to map, then collects with the mapping', async () => {
    const file = { name: 'ann-work.wbpkg', content: Buffer.from(bytes).toString('base64'), encoding: 'base64' as const };
    const asked = await api.collectWorkPackage({ file });
    expect(asked).toMatchObject({ status: 'needsLabelMapping', annotator: 'ann', labels: [{ id: 'actor', name: 'Speaker' }, { id: 'topic', name: 'Topic' }] });
    // The screen's words: the differences, not the CLI's flags.
    expect(asked.status === 'needsLabelMapping' && asked.message).toBe(
      'ann-work.wbpkg was coded with another label schema than the workspace\'s: "actor" is named "Speaker" in the package and "Actor" in the workspace; "topic" (Topic) only in the package; "stance" (Stance) only in the workspace',
    );
    expect(await listLayers(tmp.dir, 'a1')).toEqual([]);
    const done = await api.collectWorkPackage({ file, labelMapping: { actor: 'actor', topic: 'add' } });
    expect(done).toMatchObject({ status: 'collected', written: 1, labelsAdded: ['topic'] });
    expect(session.store.schema.labels.some((l) => l.id === 'topic')).toBe(true);
  });
});
