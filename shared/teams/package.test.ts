/** The package container and the assignment package: build, read back, and every refusal naming file and entry. */
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Entity, LabelSchemaDef } from '../domain/model';
import { buildAssignmentPackage, readAssignmentPackage, type AssignmentContent } from './assignmentPackage';
import { buildPackage, readPackage, sha256Hex, type PackageHeader } from './package';

const HEADER: PackageHeader = {
  kind: 'assignment',
  packageId: 'p123',
  createdAt: '2024-05-01T10:00:00.000Z',
  annotator: 'ann',
  lead: 'lea',
  sourceWorkspaceId: 'w1',
};
const { kind: _kind, ...ASSIGNMENT_HEADER } = HEADER;
const SCHEMA: LabelSchemaDef = { labels: [{ id: 'actor', name: 'Actor', color: '#2563eb' }] };
const ENTITIES: Entity[] = [{ id: 'e1', kind: 'actor', name: 'Khaji', aliases: [], attributes: {} }];
const CONTENT: AssignmentContent = {
  schema: SCHEMA,
  entities: ENTITIES,
  articles: [
    { id: 'a2', title: 'Second', createdAt: '2024-05-01T10:00:00.000Z', text: 'سلام دنیا 🐱\r\nline' },
    { id: 'a1', title: 'First', source: 'Wire', url: 'https://x.test/1', date: '2024-05-01', createdAt: '2024-05-01T10:00:00.000Z', text: 'Khaji said.' },
  ],
};

/** Rewrite a package's zip with `change` applied to its entries (as a tamperer would). */
function rezip(bytes: Uint8Array, change: (entries: Record<string, Uint8Array>) => void): Uint8Array {
  const entries = unzipSync(bytes);
  change(entries);
  return zipSync(entries as Zippable);
}
const manifestOf = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(unzipSync(bytes)['package.json']));

describe('sha256Hex', () => {
  it('is the SHA-256 of the bytes (FIPS 180-2 "abc")', async () => {
    expect(await sha256Hex(strToU8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('assignment packages', () => {
  it('read back what was built: header, schema, registry, articles in order, text unchanged', async () => {
    const bytes = await buildAssignmentPackage(ASSIGNMENT_HEADER, CONTENT);
    const pkg = await readAssignmentPackage('ann.wbpkg', bytes);
    expect(pkg.info).toMatchObject({ format: 'workbench-package', formatVersion: 1, ...HEADER });
    expect(pkg.info.entries.map((e) => e.path)).toEqual(['schema.json', 'entities.json', 'articles/a2.json', 'articles/a1.json']);
    expect(pkg.schema).toEqual(SCHEMA);
    expect(pkg.entities).toEqual(ENTITIES);
    expect(pkg.articles).toEqual(CONTENT.articles);
  });

  it('are the same bytes when built twice from the same data', async () => {
    expect(await buildAssignmentPackage(ASSIGNMENT_HEADER, CONTENT)).toEqual(await buildAssignmentPackage(ASSIGNMENT_HEADER, CONTENT));
  });

  it('refuse an entry changed after building, naming the entry', async () => {
    const bytes = rezip(await buildAssignmentPackage(ASSIGNMENT_HEADER, CONTENT), (e) => {
      e['articles/a1.json'] = e['articles/a1.json'].slice();
      e['articles/a1.json'][20] ^= 1; // same size, one bit
    });
    await expect(readAssignmentPackage('ann.wbpkg', bytes)).rejects.toThrow(
      'ann.wbpkg (entry articles/a1.json): its SHA-256 checksum does not match package.json: the package was changed or damaged after it was made',
    );
    const longer = rezip(await buildAssignmentPackage(ASSIGNMENT_HEADER, CONTENT), (e) => void (e['schema.json'] = strToU8('{"labels":[]} ')));
    await expect(readAssignmentPackage('ann.wbpkg', longer)).rejects.toThrow('ann.wbpkg (entry schema.json): it holds 14 bytes where package.json lists');
  });

  it('refuse a byte flipped inside an entry\'s compressed data, naming the entry', async () => {
    const bytes = (await buildAssignmentPackage(ASSIGNMENT_HEADER, CONTENT)).slice();
    const name = strToU8('articles/a2.json');
    let at = -1;
    for (let i = 0; i + 30 < bytes.length && at < 0; i++)
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 3 && bytes[i + 3] === 4 && name.every((b, k) => bytes[i + 30 + k] === b)) at = i;
    const dataStart = at + 30 + bytes[at + 26] + (bytes[at + 27] << 8) + bytes[at + 28] + (bytes[at + 29] << 8);
    const compressedSize = bytes[at + 18] + (bytes[at + 19] << 8);
    bytes[dataStart + Math.floor(compressedSize / 2)] ^= 0x10;
    await expect(readAssignmentPackage('ann.wbpkg', bytes)).rejects.toThrow(/^ann\.wbpkg \(entry articles\/a2\.json\): /);
  });

  it('refuse missing, unlisted, doubly listed and unexpected entries', async () => {
    const built = await buildAssignmentPackage(ASSIGNMENT_HEADER, CONTENT);
    const missing = rezip(built, (e) => delete e['articles/a2.json']);
    await expect(readAssignmentPackage('p.wbpkg', missing)).rejects.toThrow('p.wbpkg (entry articles/a2.json): listed in package.json but missing from the archive');
    const extra = rezip(built, (e) => void (e['articles/a9.json'] = strToU8('{}')));
    await expect(readAssignmentPackage('p.wbpkg', extra)).rejects.toThrow('p.wbpkg (entry articles/a9.json): not listed in package.json');
    const twice = rezip(built, (e) => {
      const m = manifestOf(built);
      m.entries.push(m.entries[0]);
      e['package.json'] = strToU8(JSON.stringify(m));
    });
    await expect(readAssignmentPackage('p.wbpkg', twice)).rejects.toThrow('p.wbpkg (entry schema.json): listed twice in package.json');
    const odd = await buildPackage(HEADER, [
      { path: 'schema.json', bytes: strToU8(JSON.stringify(SCHEMA)) },
      { path: 'entities.json', bytes: strToU8('[]') },
      { path: 'notes.txt', bytes: strToU8('hi') },
    ]);
    await expect(readAssignmentPackage('p.wbpkg', odd)).rejects.toThrow('p.wbpkg (entry notes.txt): an assignment package holds only');
  });

  it('refuse an article entry whose content does not fit, and an entry holding another article', async () => {
    const swapped = await buildPackage(HEADER, [
      { path: 'schema.json', bytes: strToU8(JSON.stringify(SCHEMA)) },
      { path: 'entities.json', bytes: strToU8('[]') },
      { path: 'articles/a1.json', bytes: strToU8(JSON.stringify(CONTENT.articles[0])) },
    ]);
    await expect(readAssignmentPackage('p.wbpkg', swapped)).rejects.toThrow('p.wbpkg (entry articles/a1.json): holds article a2, not a1');
    const bad = await buildPackage(HEADER, [
      { path: 'schema.json', bytes: strToU8('{"labels":"x"}') },
      { path: 'entities.json', bytes: strToU8('[]') },
    ]);
    await expect(readAssignmentPackage('p.wbpkg', bad)).rejects.toThrow('p.wbpkg (entry schema.json): not what a package holds there (labels:');
  });

  it('refuse what is no package, a package of a newer format, and a work package', async () => {
    await expect(readPackage('x.wbpkg', strToU8('hello'))).rejects.toThrow('x.wbpkg: not a workbench package (not a zip archive)');
    await expect(readPackage('x.wbpkg', zipSync({ 'a.txt': strToU8('a') }))).rejects.toThrow('x.wbpkg: not a workbench package (it has no package.json)');
    const newer = rezip(await buildAssignmentPackage(ASSIGNMENT_HEADER, CONTENT), (e) => {
      e['package.json'] = strToU8(JSON.stringify({ ...manifestOf(zipSync(e as Zippable)), formatVersion: 2 }));
    });
    await expect(readPackage('x.wbpkg', newer)).rejects.toThrow('x.wbpkg (entry package.json): made by a newer version of the workbench (package format 2');
    const work = await buildPackage({ ...HEADER, kind: 'work' }, []);
    await expect(readAssignmentPackage('x.wbpkg', work)).rejects.toThrow('x.wbpkg (entry package.json): a work package, not an assignment package');
  });

  it('are inflated within the zip-bomb limits', async () => {
    const big = { ...CONTENT, articles: [{ ...CONTENT.articles[0], text: 'a'.repeat(300_000) }] };
    const bytes = await buildAssignmentPackage(ASSIGNMENT_HEADER, big);
    await expect(readAssignmentPackage('x.wbpkg', bytes, { maxEntryBytes: 100_000 })).rejects.toThrow(
      /^x\.wbpkg \(entry articles\/a2\.json\): declares 0\.3 MiB inflated, more than the limit of 0\.1 MiB per entry/,
    );
  });
});
