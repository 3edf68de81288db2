/**
 * The workspace format that holds layers: a format 1 workspace migrated in place (only its mark
 * changes, and it says so), a newer one refused naming the file, and collected layer records read
 * back, refused when broken, and kept one file per annotator even where file systems fold names.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layerFileKey, type AnnotatorLayerRecord } from '../../shared/domain/layers';
import { AnnotatorNameSchema } from '../../shared/domain/annotatorName';
import { layerFile, listLayers, readLayer, writeLayer } from './layerStore';
import { STORAGE_FORMAT_VERSION } from './storedRecords';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('workbench-layers-')));
afterEach(() => tmp.cleanup());

const manifestFile = () => path.join(tmp.dir, 'workspace.json');
const readManifest = () => JSON.parse(readFileSync(manifestFile(), 'utf8')) as { formatVersion: number; articles: { id: string }[] };

async function workspaceWithOneArticle() {
  const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
  await api.createArticle({ title: 'T', text: 'Khaji denounced the talks 🐱' });
  const id = session.store.articleEntries[0].id;
  await api.editArticle({ articleId: id, edits: [{ type: 'addSpan', span: makeSpan('s1', 'actor', 0, 5) }] });
  await session.close();
  return id;
}

const record = (articleId: string, annotator: string, extra: Partial<AnnotatorLayerRecord> = {}): AnnotatorLayerRecord => ({
  formatVersion: 1,
  articleId,
  annotator,
  revision: 3,
  status: 'done',
  updatedAt: '2024-05-01T10:00:00.000Z',
  packageId: 'p1',
  collectedAt: '2024-05-02T10:00:00.000Z',
  textSha256: 'a'.repeat(64),
  spans: [makeSpan('x1', 'actor', 0, 5, { annotator })],
  statements: [],
  entities: [],
  ...extra,
});

describe('workspace format', () => {
  it('migrates a format 1 workspace in place on first open: only the mark changes, and a notice says so', async () => {
    const id = await workspaceWithOneArticle();
    const m = readManifest();
    expect(m.formatVersion).toBe(STORAGE_FORMAT_VERSION);
    writeFileSync(manifestFile(), JSON.stringify({ ...m, formatVersion: 1 }, null, 2));
    const articleBefore = readFileSync(path.join(tmp.dir, 'articles', `${id}.json`), 'utf8');

    const { session, api } = await openTestWorkspace(tmp.dir, { create: false, seed: false });
    expect(session.notices.join('\n')).toContain(`${manifestFile()} was upgraded from workspace format 1 to 2`);
    // Marked on disk before anything else happens, so an older app refuses it from now on.
    expect(readManifest()).toEqual({ ...JSON.parse(JSON.stringify(m)), formatVersion: 2 });
    expect((await api.getArticle({ id })).spans.map((s) => s.id)).toEqual(['s1']);
    await session.close();
    expect(readFileSync(path.join(tmp.dir, 'articles', `${id}.json`), 'utf8')).toBe(articleBefore);

    const again = await openTestWorkspace(tmp.dir, { create: false, seed: false });
    expect(again.session.notices.join('\n')).not.toContain('upgraded');
    await again.session.close();
  });

  it('refuses a workspace of a newer format, naming the file and leaving it untouched', async () => {
    await workspaceWithOneArticle();
    const newer = JSON.stringify({ ...readManifest(), formatVersion: 3, somethingNew: [1] });
    writeFileSync(manifestFile(), newer);
    await expect(openTestWorkspace(tmp.dir, { create: false, seed: false })).rejects.toThrow(
      `${manifestFile()} was written by a newer version of Annotation Workbench (workspace format 3; this version reads formats up to 2); it was left untouched`,
    );
    expect(readFileSync(manifestFile(), 'utf8')).toBe(newer);
  });
});

describe('layer records', () => {
  it('writes one file per annotator and article and reads them back sorted by annotator', async () => {
    await writeLayer(tmp.dir, record('a1', 'bob'));
    await writeLayer(tmp.dir, record('a1', 'Ann B'));
    await writeLayer(tmp.dir, record('a2', 'bob', { revision: 7 }));
    expect((await listLayers(tmp.dir, 'a1')).map((l) => l.annotator)).toEqual(['Ann B', 'bob']);
    expect(await readLayer(tmp.dir, 'a2', 'bob')).toMatchObject({ revision: 7 });
    expect(await readLayer(tmp.dir, 'a2', 'ann')).toBeNull();
    expect(await listLayers(tmp.dir, 'a9')).toEqual([]);
  });

  it('refuses a broken or misplaced record naming its file, leaving it as it was', async () => {
    await writeLayer(tmp.dir, record('a1', 'bob'));
    const file = layerFile(tmp.dir, 'a1', 'bob');
    writeFileSync(file, '{"formatVersion":1,');
    await expect(listLayers(tmp.dir, 'a1')).rejects.toThrow(`${file} is not valid JSON`);
    writeFileSync(file, JSON.stringify(record('a1', 'cy')));
    await expect(readLayer(tmp.dir, 'a1', 'bob')).rejects.toThrow(`${file} holds cy's layer of article a1, not what its name says; it was left untouched`);
    mkdirSync(path.dirname(layerFile(tmp.dir, 'a2', 'bob')), { recursive: true });
    writeFileSync(layerFile(tmp.dir, 'a2', 'bob'), JSON.stringify({ ...record('a2', 'bob'), revision: -1 }));
    await expect(readLayer(tmp.dir, 'a2', 'bob')).rejects.toThrow(/is not a valid layer record \(revision: /);
  });

  it('reads a file again once it changed, though an unchanged one is served from memory, and never hands out a record to change', async () => {
    await writeLayer(tmp.dir, record('a1', 'bob', { revision: 1 }));
    const first = await readLayer(tmp.dir, 'a1', 'bob');
    expect(await readLayer(tmp.dir, 'a1', 'bob')).toBe(first);
    expect(() => (first!.spans as unknown[]).push(first!.spans[0])).toThrow(TypeError);
    // Same size, written in the same millisecond: still a new file (a collect renames over it).
    await writeLayer(tmp.dir, record('a1', 'bob', { revision: 2 }));
    expect((await listLayers(tmp.dir, 'a1'))[0].revision).toBe(2);
    writeFileSync(layerFile(tmp.dir, 'a1', 'bob'), JSON.stringify({ ...record('a1', 'bob'), spans: [{ id: 'x1' }] }));
    await expect(readLayer(tmp.dir, 'a1', 'bob')).rejects.toThrow(/is not a valid layer record \(spans\.0\.labelId: /);
  });

  it('gives every annotator name its own file name, one that no file system folds into another', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), (a, b) => {
        if (!AnnotatorNameSchema.safeParse(a).success || !AnnotatorNameSchema.safeParse(b).success || a === b) return;
        const [ka, kb] = [layerFileKey(a), layerFileKey(b)];
        expect(ka.toLowerCase()).not.toBe(kb.toLowerCase());
        expect(ka).toMatch(/^[a-z0-9_~-]+$/);
      }),
    );
    expect(layerFileKey('Ann')).not.toBe(layerFileKey('ann'));
    expect(layerFileKey('مریم')).toMatch(/^annotator-(~[0-9a-f]+~)+$/);
  });
});
