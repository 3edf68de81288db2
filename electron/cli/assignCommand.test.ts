/**
 * `workbench assign` and `workbench open-package`, run in process: packages written, opened in a
 * fresh workspace with the lead's texts and metadata, and every refusal leaving the workspace
 * byte-for-byte as it was.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAssignmentPackage } from '../../shared/teams/assignmentPackage';
import { readWorkPackage } from '../../shared/teams/workPackage';
import { listLayers } from '../service/layerStore';
import { makeSpan, openTestWorkspace, tempDir } from '../service/testWorkspace';
import { KNOWN_ARTICLES, buildWorkspace, runWorkbenchInProcess as run, snapshotDir } from './cliTestHelpers';

let tmp: ReturnType<typeof tempDir>;
let cwd: string;
beforeEach(async () => {
  tmp = tempDir('workbench-assign-');
  cwd = tmp.dir;
  await buildWorkspace(file('lead'));
});
afterEach(() => tmp.cleanup());

const file = (name: string) => path.join(cwd, name);
const assign = (...extra: string[]) => run(['assign', '--workspace', 'lead', '--lead', 'lea', '--out', 'pkgs', ...extra], cwd);
const open = (ws: string, pkg: string) => run(['open-package', '--workspace', ws, pkg], cwd);

/** An annotator's workspace with an article of its own and another schema: no "stance", a "topic" of its own. */
async function otherSchemaWorkspace(): Promise<void> {
  const { session } = await openTestWorkspace(file('other-ws'), { seed: false });
  await session.store.addArticles([{ ...KNOWN_ARTICLES[2], id: 'z1', spans: [] }]);
  await session.store.updateManifest((m) => {
    m.schema = { labels: [...m.schema.labels.filter((l) => l.id !== 'stance'), { id: 'topic', name: 'Topic', color: '#123456' }] };
  });
  await session.close();
}

async function articlesOf(dir: string) {
  const { session } = await openTestWorkspace(dir, { create: false, seed: false });
  try {
    const out = [];
    for (const e of session.store.articleEntries) out.push(await session.store.readArticle(e.id));
    return { articles: out, schema: session.store.schema, settings: { ...session.store.settings } };
  } finally {
    await session.close();
  }
}

describe('workbench assign', () => {
  it('writes one package per annotator, balanced, with the double-coded share, and says so', async () => {
    const r = await assign('--annotators', 'ann,bob,cy', '--double-coded', '50%', '--seed', '7');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.split('\n')[0]).toBe(`assigned 4 articles to 3 annotators (seed 7; 2 articles double-coded, 2 coded once) from ${file('lead')}`);
    const counts = [];
    const coded = new Map<string, number>();
    for (const who of ['ann', 'bob', 'cy']) {
      const pkg = await readAssignmentPackage(`${who}.wbpkg`, readFileSync(file(`pkgs/${who}.wbpkg`)));
      expect(pkg.info).toMatchObject({ kind: 'assignment', annotator: who, lead: 'lea' });
      expect(r.stdout).toContain(`  ${who.padEnd(3)}  ${pkg.articles.length} articles  ${file(`pkgs/${who}.wbpkg`)}\n`);
      counts.push(pkg.articles.length);
      for (const a of pkg.articles) coded.set(a.id, (coded.get(a.id) ?? 0) + 1);
    }
    expect(counts.sort()).toEqual([2, 2, 2]);
    expect([...coded.values()].sort()).toEqual([1, 1, 2, 2]);
    // The same seed draws the same assignment.
    const again = await assign('--annotators', 'cy,bob,ann', '--double-coded', '50%', '--seed', '7', '--out', 'pkgs2');
    expect(again.stdout.split('\n').slice(1).map((l) => l.replace('pkgs2', 'pkgs')).sort()).toEqual(r.stdout.split('\n').slice(1).sort());
  });

  it('refuses to overwrite packages without --force, writing nothing', async () => {
    expect((await assign('--annotators', 'ann,bob')).code).toBe(0);
    const before = snapshotDir(cwd);
    const r = await assign('--annotators', 'ann,bob');
    expect(r).toMatchObject({ code: 1, stderr: `error: ${file('pkgs/ann.wbpkg')}, ${file('pkgs/bob.wbpkg')} already exist; nothing was written (replace with --force)\n` });
    expect(snapshotDir(cwd)).toEqual(before);
    expect((await assign('--annotators', 'ann,bob', '--force')).code).toBe(0);
  });

  it('refuses unknown articles, too few articles, bad names and flags, leaving the lead\'s workspace as it was', async () => {
    const before = snapshotDir(file('lead'));
    expect(await assign('--annotators', 'ann', '--articles', 'a1,zz')).toMatchObject({ code: 1, stderr: 'error: the workspace has no article with id zz\n' });
    expect((await assign('--annotators', 'ann,bob,cy,dan,eve', '--double-coded', '0%')).stderr).toContain('4 articles are too few for 5 annotators');
    expect((await assign('--annotators', 'ann,../x')).stderr).toBe('error: annotator name "../x": a name uses letters, digits, spaces, ".", "_" and "-", and starts and ends with a letter or digit\n');
    expect(await assign('--annotators', 'ann,bob', '--double-coded', '20', '--all-code-all')).toMatchObject({ code: 2 });
    expect(await assign('--annotators', 'ann,bob', '--double-coded', '20')).toMatchObject({ code: 2 });
    expect(snapshotDir(file('lead'))).toEqual(before);
    expect(existsSync(file('pkgs'))).toBe(false);
  });
});

describe('workbench open-package', () => {
  beforeEach(async () => {
    expect((await assign('--annotators', 'ann,bob', '--all-code-all')).code).toBe(0);
  });

  it('round trip: a fresh workspace gets the lead\'s texts, metadata, schema and registry, no spans', async () => {
    const r = await open('ann-ws', 'pkgs/ann.wbpkg');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^opened pkgs\/ann\.wbpkg \(package p[a-z0-9]+ for ann from lead lea\) in .*ann-ws: 4 articles added, annotator name set to ann\n$/);
    const lead = await articlesOf(file('lead'));
    const mine = await articlesOf(file('ann-ws'));
    const meta = ({ id, title, source, url, date, createdAt, text }: (typeof KNOWN_ARTICLES)[number]) => ({ id, title, source, url, date, createdAt, text });
    expect(mine.articles.map(meta)).toEqual(lead.articles.map(meta));
    expect(mine.articles.every((a) => a.spans.length === 0 && a.statements.length === 0 && a.status === 'not_started')).toBe(true);
    expect(mine.schema).toEqual(lead.schema);
    expect(mine.settings.annotator).toBe('ann');
    expect(JSON.parse(readFileSync(file('ann-ws/team.json'), 'utf8')).openedPackages[0]).toMatchObject({ annotator: 'ann', lead: 'lea', articleIds: ['a1', 'a2', 'a3', 'a4'] });
  });

  it('opening the same package twice changes nothing the second time, and says so', async () => {
    expect((await open('ann-ws', 'pkgs/ann.wbpkg')).code).toBe(0);
    const before = snapshotDir(file('ann-ws'));
    const r = await open('ann-ws', 'pkgs/ann.wbpkg');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pkgs\/ann\.wbpkg \(package p[a-z0-9]+ for ann from lead lea\) was opened in .*ann-ws before; nothing changed\n$/);
    expect(snapshotDir(file('ann-ws'))).toEqual(before);
  });

  it('refuses a tampered package naming the entry, leaving the workspace byte-for-byte as it was', async () => {
    expect((await open('ann-ws', 'pkgs/ann.wbpkg')).code).toBe(0);
    const entries = unzipSync(readFileSync(file('pkgs/bob.wbpkg')));
    const entry = entries['articles/a3.json'].slice();
    entry[entry.indexOf(0x4e)] ^= 0x20; // "Nothing" → "nothing"
    entries['articles/a3.json'] = entry;
    writeFileSync(file('tampered.wbpkg'), zipSync(entries as Zippable));
    const before = snapshotDir(file('ann-ws'));
    const r = await open('ann-ws', 'tampered.wbpkg');
    expect(r).toMatchObject({
      code: 1,
      stderr: 'error: tampered.wbpkg (entry articles/a3.json): its SHA-256 checksum does not match package.json: the package was changed or damaged after it was made\n',
    });
    expect(snapshotDir(file('ann-ws'))).toEqual(before);
    // Into a folder with no workspace: none is left behind.
    expect((await open('new-ws', 'tampered.wbpkg')).code).toBe(1);
    expect(existsSync(file('new-ws'))).toBe(false);
  });

  it('asks how to map the labels of a package made for another label schema, writing nothing until answered', async () => {
    await otherSchemaWorkspace();
    const before = snapshotDir(file('other-ws'));
    const r = await open('other-ws', 'pkgs/ann.wbpkg');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: pkgs/ann.wbpkg was made for another label schema than the workspace\'s: "stance" (Stance) only in the package; "topic" (Topic) only in the workspace. ' +
        'Map each package label onto a workspace label (--map ID=LABEL) or add it (--add-unknown-labels), then try again\n',
    );
    expect(snapshotDir(file('other-ws'))).toEqual(before);
  });

  it("opens it with the labels mapped, and export-work gives the lead their labels back, so collecting asks nothing", async () => {
    await otherSchemaWorkspace();
    const r = await run(['open-package', '--workspace', 'other-ws', '--map', 'stance=Topic', 'pkgs/ann.wbpkg'], cwd);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const { session, api } = await openTestWorkspace(file('other-ws'), { create: false, seed: false });
    expect(session.store.schema.labels.map((l) => l.id)).toEqual(['actor', 'claim', 'topic']); // kept its own
    await api.editArticle({ articleId: 'a1', edits: [{ type: 'addSpan', span: makeSpan('t1', 'topic', 0, 5, { annotator: 'ann' }) }] });
    await session.close();
    expect((await run(['export-work', '--workspace', 'other-ws', '--out', 'work.wbpkg'], cwd)).code).toBe(0);
    const work = await readWorkPackage('work.wbpkg', readFileSync(file('work.wbpkg')));
    expect(work.schema.labels.map((l) => l.id)).toEqual(['actor', 'stance', 'claim']); // the lead's
    expect(work.layer('a1').spans.map((s) => s.labelId)).toEqual(['stance']);
    const collected = await run(['collect', '--workspace', 'lead', 'work.wbpkg'], cwd);
    expect(collected).toMatchObject({ code: 0, stderr: '' });
    expect((await listLayers(file('lead'), 'a1'))[0].spans.map((s) => [s.id, s.labelId])).toEqual([['t1', 'stance']]);
  });

  it('adds the labels it is told to add (--add-unknown-labels), and opening again changes nothing', async () => {
    await otherSchemaWorkspace();
    expect((await run(['open-package', '--workspace', 'other-ws', '--add-unknown-labels', 'pkgs/ann.wbpkg'], cwd)).stdout).toContain('1 label added to the schema (stance)');
    const before = snapshotDir(file('other-ws'));
    expect((await run(['open-package', '--workspace', 'other-ws', '--add-unknown-labels', 'pkgs/ann.wbpkg'], cwd)).stdout).toContain('nothing changed');
    expect(snapshotDir(file('other-ws'))).toEqual(before);
  });

  it('refuses articles the workspace already has from another lead\'s package, or from none', async () => {
    await buildWorkspace(file('lead2'));
    expect((await run(['assign', '--workspace', 'lead2', '--lead', 'max', '--out', 'pkgs-max', '--annotators', 'ann'], cwd)).code).toBe(0);
    expect((await open('ann-ws', 'pkgs-max/ann.wbpkg')).code).toBe(0);
    const before = snapshotDir(file('ann-ws'));
    const r = await open('ann-ws', 'pkgs/ann.wbpkg');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: pkgs\/ann\.wbpkg: the workspace already has articles with the package's ids: a1, a2, a3, a4 came from lead max's package p[a-z0-9]+\n$/);
    expect(snapshotDir(file('ann-ws'))).toEqual(before);
    // The lead's own workspace has them from no package.
    const own = await open('lead2', 'pkgs/ann.wbpkg');
    expect(own.stderr).toBe("error: pkgs/ann.wbpkg: the workspace already has articles with the package's ids: a1, a2, a3, a4 did not come from a package of lead lea\n");
    expect((await open('lead', 'pkgs/ann.wbpkg')).stderr).toBe(`error: pkgs/ann.wbpkg was made from this workspace (${file('lead')}); open it in the annotator's own workspace\n`);
  });

  it('keeps articles already here from the same lead when a new package of theirs overlaps', async () => {
    expect((await open('ann-ws', 'pkgs/ann.wbpkg')).code).toBe(0);
    expect((await assign('--annotators', 'ann', '--articles', 'a2,a4', '--out', 'pkgs3')).code).toBe(0);
    const r = await open('ann-ws', 'pkgs3/ann.wbpkg');
    expect(r.stdout).toContain(': 0 articles added, 2 articles already here from lead lea\'s packages kept as they are\n');
    expect(JSON.parse(readFileSync(file('ann-ws/team.json'), 'utf8')).openedPackages).toHaveLength(2);
  });

  it('refuses a file that is no package', async () => {
    writeFileSync(file('x.wbpkg'), strToU8('hello'));
    expect(await open('ann-ws', 'x.wbpkg')).toMatchObject({ code: 1, stderr: 'error: x.wbpkg: not a workbench package (not a zip archive)\n' });
    expect(existsSync(file('ann-ws'))).toBe(false);
  });
});
