/**
 * `workbench export` over a workspace with one unreadable article: the others are written to
 * every output shape, the one is named on stderr with its file, and the exit code says so.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSpan, tempDir } from '../service/testWorkspace';
import { EXIT } from './cliCommand';
import { buildWorkspace, KNOWN_ARTICLES, knownArticle, runWorkbenchInProcess as run } from './cliTestHelpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(async () => {
  tmp = tempDir('workbench-export-skip-');
  await buildWorkspace(path.join(tmp.dir, 'ws'), [
    knownArticle('k1', 'done', 'Khaji denounced the presence', [makeSpan('s1', 'actor', 0, 5)]),
    knownArticle('k2', 'in_progress', 'Tehran welcomed the talks', [makeSpan('s2', 'actor', 0, 6)]),
    knownArticle('k3', 'done', 'Tokyo said little', [makeSpan('s3', 'actor', 0, 5)]),
  ]);
});
afterEach(() => tmp.cleanup());

const articleFile = (id: string) => path.join(tmp.dir, 'ws', 'articles', `${id}.json`);

/** Exported article ids, whatever the shape: JSONL lines, or brat's NAME.txt entries in a zip or folder. */
function exportedIds(out: string): string[] {
  if (out.endsWith('.jsonl'))
    return readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l).id);
  const names = out.endsWith('.zip') ? Object.keys(unzipSync(readFileSync(out))) : readdirSync(out);
  return names.filter((n) => n.endsWith('.txt')).map((n) => n.replace(/\.txt$/, '')).sort();
}

describe('workbench export with an unreadable article', () => {
  it.each([
    ['jsonl', 'out.jsonl'],
    ['brat', 'out.zip'],
    ['brat', 'out-folder'],
  ])('exports the two others as %s to %s, names the broken file and exits 4', async (format, out) => {
    writeFileSync(articleFile('k2'), '\u0000garbage{{{');
    const r = await run(['export', '--workspace', 'ws', '--format', format, '--out', out], tmp.dir);
    expect(r.code).toBe(EXIT.partial);
    expect(r.stdout).toContain('exported 2 articles');
    expect(r.stderr).toContain('error: 1 article was left out because its file could not be read:');
    expect(r.stderr).toContain(`k2 "Article k2": ${articleFile('k2')} is not valid JSON`);
    const ids = exportedIds(path.join(tmp.dir, out));
    expect(ids.length).toBe(2);
    expect(ids.join(' ')).toMatch(/k1.*k3/);
  });

  it('reports a missing file and a JSON file that is not an article, and exports what is left', async () => {
    rmSync(articleFile('k1'));
    writeFileSync(articleFile('k3'), '{"hello": "world"}\n');
    const r = await run(['export', '--workspace', 'ws', '--format', 'csv', '--out', 'tables.zip'], tmp.dir);
    expect(r.code).toBe(EXIT.partial);
    expect(r.stdout).toContain('exported 1 article');
    expect(r.stderr).toContain(`k1 "Article k1": the article file ${articleFile('k1')} is missing`);
    expect(r.stderr).toContain(`k3 "Article k3": ${articleFile('k3')} is not a valid article file`);
    const tables = unzipSync(readFileSync(path.join(tmp.dir, 'tables.zip')));
    const text = Object.values(tables).map((t) => strFromU8(t)).join('\n');
    expect(text).toContain('k2');
    expect(text).not.toMatch(/\bk1\b|\bk3\b/);
  });
});

describe('workbench export of a network with an unreadable article', () => {
  it.each([
    ['a1', 'the one with the statement', 0],
    ['a2', 'one without statements', 1],
  ])('leaves %s (%s) out, names its file and exits 4', async (broken, _what, statements) => {
    const ws = path.join(tmp.dir, 'net');
    await buildWorkspace(ws);
    expect(KNOWN_ARTICLES.flatMap((a) => a.statements).map((st) => KNOWN_ARTICLES.find((a) => a.statements.includes(st))!.id)).toEqual(['a1']);
    const file = path.join(ws, 'articles', `${broken}.json`);
    writeFileSync(file, '{"not": "an article"}\n');
    const r = await run(['export', '--workspace', 'net', '--format', 'statements-csv', '--out', 'st.csv'], tmp.dir);
    expect(r.code).toBe(EXIT.partial);
    expect(r.stdout).toContain(`exported ${statements} statement`);
    expect(r.stderr).toContain(`${broken} "Article ${broken}": ${file} is not a valid article file`);
    const rows = readFileSync(path.join(tmp.dir, 'st.csv'), 'utf8').trim().split(/\r?\n/);
    expect(rows.length).toBe(1 + statements);
  });
});

describe('workbench export --doccano-no-overlap', () => {
  it('keeps one span per overlap group for doccano and reports the rest on stderr', async () => {
    await buildWorkspace(path.join(tmp.dir, 'nested'), [
      knownArticle('n1', 'done', 'Khaji denounced the presence', [makeSpan('s1', 'claim', 0, 15), makeSpan('s2', 'actor', 0, 5)]),
    ]);
    const r = await run(['export', '--workspace', 'nested', '--format', 'doccano', '--doccano-no-overlap', '--out', 'd.jsonl'], tmp.dir);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stderr).toMatch(/warning: overlapping spans left out .*: 1 span in 1 article, e\.g\. Article n1: Actor "Khaji" overlaps Claim "Khaji denounced", which was kept/);
    const record = JSON.parse(readFileSync(path.join(tmp.dir, 'd.jsonl'), 'utf8'));
    expect(record.entities).toEqual([{ id: 0, label: 'Claim', start_offset: 0, end_offset: 15 }]);
  });

  it('refuses the flag for another format', async () => {
    const r = await run(['export', '--workspace', 'ws', '--format', 'jsonl', '--doccano-no-overlap', '--out', 'o.jsonl'], tmp.dir);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('--doccano-no-overlap applies only to doccano, not jsonl');
  });
});

describe('workbench export: what the format cannot carry', () => {
  it('prints one line per kind with its count and first example, ahead of the capped per-article warnings', async () => {
    // 25 articles whose span ends inside a word: 25 "widened" warnings, more than the 20 shown.
    const articles = Array.from({ length: 25 }, (_, i) =>
      knownArticle(`w${i + 1}`, 'done', 'Khaji denounced the presence', [makeSpan('s1', 'actor', 0, 4, { attributes: { role: 'envoy' }, note: 'check' })]),
    );
    await buildWorkspace(path.join(tmp.dir, 'lossy'), articles);
    const r = await run(['export', '--workspace', 'lossy', '--format', 'conll', '--out', 'o.conll'], tmp.dir);
    expect(r.code).toBe(EXIT.ok);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings.slice(0, 3)).toEqual([
      'warning: 25 article ids were not carried (CoNLL-2003 has no comment lines; the conllu format keeps it), first: article "Article w1": w1',
      'warning: 25 article titles were not carried (CoNLL-2003 has no comment lines; the conllu format keeps it), first: article "Article w1" (id w1)',
      'warning: 125 article metadata fields were not carried (CoNLL-2003 has no place for them), first: article "Article w1": source=Test Wire',
    ]);
    expect(warnings).toContain('warning: 25 span notes were not carried (CoNLL-2003 has no place for them), first: article "Article w1" span s1: check');
    expect(warnings).toContain('warning: 25 span attributes were not carried (CoNLL-2003 has no place for them), first: article "Article w1" span s1: role=envoy');
    // 7 loss lines and the first 13 of the 25 per-article warnings: 20 shown of 32.
    expect(warnings.at(-1)).toBe('warning: … and 12 more');
  });
});
