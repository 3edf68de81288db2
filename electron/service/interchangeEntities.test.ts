/**
 * Entity records through import: native JSONL carries them line by line, brat as N lines with
 * the entity's name. Reused when the workspace has the same record, the workspace's record kept
 * (and reported) when it differs, malformed records refused naming file and line with nothing
 * written, and entities committed in the same manifest write as the articles that link to them.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportRequest } from '../../shared/api/contract';
import type { Entity } from '../../shared/domain/model';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';
import { buildImport, commitImportPlan, type InlineImportRequest } from './interchange';
import type { WorkspaceSession } from './workspace';

const T = '2026-01-01T00:00:00.000Z';
const KHAJI: Entity = { id: 'e-khaji', kind: 'actor', name: 'Ali-Asghar Khaji', actorType: 'person', aliases: ['Khaji'], attributes: {} };
const WITHDRAWAL: Entity = { id: 'c-withdrawal', kind: 'concept', name: 'U.S. withdrawal from Syria', aliases: [], attributes: {} };

/** A JSONL line of one article whose actor span links to `actor` and claim span to `concept`. */
function line(id: string, entities: unknown[] | undefined, actor = KHAJI.id, concept = WITHDRAWAL.id): string {
  return JSON.stringify({
    offsetUnit: 'utf-16',
    id,
    title: id,
    status: 'in_progress',
    createdAt: T,
    updatedAt: T,
    text: 'Khaji opposes the withdrawal',
    spans: [makeSpan('s1', 'actor', 0, 5, { entityId: actor, createdAt: T, updatedAt: T }), makeSpan('s2', 'claim', 14, 28, { entityId: concept, createdAt: T, updatedAt: T })],
    statements: [{ id: 'st1', actorSpanId: 's1', claimSpanId: 's2', polarity: 'oppose', annotator: 't', createdAt: T, updatedAt: T }],
    ...(entities ? { entities } : {}),
  });
}

const jsonlRequest = (...lines: string[]): InlineImportRequest => ({
  format: 'jsonl',
  files: [{ name: 'corpus.jsonl', content: lines.join('\n') + '\n', encoding: 'utf8' }],
  options: {},
  labelMapping: {},
});

let tmp: ReturnType<typeof tempDir>;
let session: WorkspaceSession;
let api: Awaited<ReturnType<typeof openTestWorkspace>>['api'];
beforeEach(async () => {
  tmp = tempDir();
  ({ session, api } = await openTestWorkspace(path.join(tmp.dir, 'ws'), { seed: false }));
});
afterEach(async () => {
  await session.close();
  tmp.cleanup();
});

/** The import is refused naming corpus.jsonl line 2, and neither articles nor entities were written. */
async function expectRefusedOnLine2(request: ImportRequest, problem: string) {
  await expect(api.commitImport(request)).rejects.toMatchObject({
    code: 'invalid_input',
    file: 'corpus.jsonl',
    location: 'line 2',
    message: expect.stringContaining(problem),
  });
  expect(await api.listArticles({})).toEqual([]);
  expect(await api.listEntities({})).toEqual([]);
}

describe('importing entities from native JSONL', () => {
  it('adds the records the lines carry, once, even when several lines repeat them', async () => {
    const request = jsonlRequest(line('x1', [WITHDRAWAL, KHAJI]), line('x2', [WITHDRAWAL, KHAJI]));
    expect((await api.previewImport(request)).warnings).toEqual([]);
    await api.commitImport(request);
    expect(await api.listEntities({})).toEqual(expect.arrayContaining([KHAJI, WITHDRAWAL]));
    expect(await api.listEntities({})).toHaveLength(2);
  });

  it('reuses an entity the workspace has with the same content, without a warning or a second record', async () => {
    await api.saveEntity({ entity: KHAJI });
    const request = jsonlRequest(line('x1', [WITHDRAWAL, KHAJI]));
    expect((await api.previewImport(request)).warnings).toEqual([]);
    await api.commitImport(request);
    expect((await api.listEntities({})).filter((e) => e.id === KHAJI.id)).toEqual([KHAJI]);
  });

  it("keeps the workspace's record when the file's differs, says so in the preview, and links the spans to it", async () => {
    const renamed = { ...KHAJI, name: 'A.-A. Khaji', aliases: [] };
    await api.saveEntity({ entity: renamed });
    const request = jsonlRequest(line('x1', [WITHDRAWAL, KHAJI]));
    expect((await api.previewImport(request)).warnings).toEqual([
      `1 entity differs from the workspace's record of the same id; the workspace's record is kept: e-khaji ("Ali-Asghar Khaji" in the file, "A.-A. Khaji" here)`,
    ]);
    await api.commitImport(request);
    expect((await api.listEntities({})).find((e) => e.id === KHAJI.id)).toEqual(renamed);
    expect((await api.listStatements({}))[0]).toMatchObject({ actorEntityId: KHAJI.id, conceptId: WITHDRAWAL.id });
  });

  it('reports an imported entity with the name of another entity of the workspace', async () => {
    await api.saveEntity({ entity: { ...KHAJI, id: 'e-other' } });
    const { warnings } = await api.previewImport(jsonlRequest(line('x1', [WITHDRAWAL, KHAJI])));
    expect(warnings).toEqual([expect.stringContaining('e-khaji and e-other ("Ali-Asghar Khaji")')]);
  });

  it('a malformed entity record is refused naming the file and line, and nothing is written', async () => {
    const request = jsonlRequest(line('x1', [WITHDRAWAL, KHAJI]), line('x2', [{ ...KHAJI, kind: 'person' }]));
    await expect(api.previewImport(request)).rejects.toMatchObject({ code: 'invalid_input', file: 'corpus.jsonl', location: 'line 2' });
    await expectRefusedOnLine2(request, 'entities');
  });

  it('two lines with different records under one id are refused, naming both lines', async () => {
    const request = jsonlRequest(line('x1', [WITHDRAWAL, KHAJI]), line('x2', [WITHDRAWAL, { ...KHAJI, name: 'Someone else' }]));
    await expectRefusedOnLine2(request, 'entity e-khaji differs from the record of the same id on corpus.jsonl line 1');
  });

  it('a file without entity records (written before they were carried) still imports, and the dangling links are reported', async () => {
    const request = jsonlRequest(line('x1', undefined));
    expect((await api.previewImport(request)).warnings).toEqual([
      'spans link to 2 entities neither the files nor the workspace have (shown as unlinked): e-khaji, c-withdrawal',
    ]);
    await api.commitImport(request);
    expect(await api.listArticles({})).toHaveLength(1);
  });

  it('entities are committed with the articles or not at all: a commit that fails leaves no entity behind', async () => {
    const plan = buildImport(jsonlRequest(line('x1', [WITHDRAWAL, KHAJI])), session.store);
    // The article id is taken between preview and commit: the write fails and is rolled back.
    await api.commitImport(jsonlRequest(line('x1', [WITHDRAWAL])));
    await expect(commitImportPlan(plan, session.store)).rejects.toMatchObject({ code: 'conflict' });
    expect((await api.listEntities({})).map((e) => e.id)).toEqual([WITHDRAWAL.id]);
    await session.close();
    ({ session, api } = await openTestWorkspace(path.join(tmp.dir, 'ws'), { seed: false }));
    expect((await api.listEntities({})).map((e) => e.id)).toEqual([WITHDRAWAL.id]);
  });
});

describe('entities through brat', () => {
  it('export writes the name on the N line; import into an empty workspace recreates id, kind and name', async () => {
    await api.saveEntity({ entity: KHAJI });
    await api.saveEntity({ entity: WITHDRAWAL });
    await api.commitImport(jsonlRequest(line('x1', [WITHDRAWAL, KHAJI])));
    const exported = await api.exportData({ format: 'brat', options: {} });

    const other = tempDir();
    try {
      const b = await openTestWorkspace(other.dir, { seed: false });
      const request: ImportRequest = { format: 'brat', files: [{ name: exported.fileName, content: exported.content, encoding: 'base64' }], options: {}, labelMapping: {} };
      expect((await b.api.previewImport(request)).warnings).toEqual([]);
      await b.api.commitImport(request);
      const entities = await b.api.listEntities({});
      expect(entities.map((e) => [e.id, e.kind, e.name]).sort()).toEqual([
        [WITHDRAWAL.id, 'concept', WITHDRAWAL.name],
        [KHAJI.id, 'actor', KHAJI.name],
      ]);
      expect((await b.api.listStatements({}))[0]).toMatchObject({ actorEntityId: KHAJI.id, conceptId: WITHDRAWAL.id });
      await b.session.close();
    } finally {
      other.cleanup();
    }
    // Back into the workspace it came from: brat carries no aliases, so their absence is no conflict.
    const again: ImportRequest = { format: 'brat', files: [{ name: exported.fileName, content: exported.content, encoding: 'base64' }], options: {}, labelMapping: {} };
    expect((await api.previewImport(again)).warnings).toEqual([]);
  });
});
