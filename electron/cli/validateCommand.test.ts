/**
 * `workbench validate` names every bad file of a corpus in one run, and `import` refuses the
 * same corpus naming each of them, writing nothing (issue 12 item 7: one out-of-range span
 * among 3,000 brat files used to take one run per bad file to find).
 */
import fs, { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORPORA_URL, corpusAccess } from '../../shared/formats/testing/corpora';
import { tempDir } from '../service/testWorkspace';
import { runWorkbenchInProcess as run } from './cliTestHelpers';

const { describeCorpus } = corpusAccess(fs);

let tmp: ReturnType<typeof tempDir>;
let cwd: string;
beforeEach(() => {
  tmp = tempDir('workbench-validate-');
  cwd = tmp.dir;
});
afterEach(() => tmp.cleanup());

const write = (rel: string, text: string) => {
  const full = path.join(cwd, rel);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
};

/** 600 brat documents in two annotator folders; every 47th has a span past the end of its text. */
function bratCorpus(): string[] {
  const bad: string[] = [];
  for (let i = 0; i < 600; i++) {
    const stem = `corpus/${i % 2 ? 'annB' : 'annA'}/doc${String(i).padStart(4, '0')}`;
    write(`${stem}.txt`, `Obama said ${i}.`);
    const broken = i % 47 === 5;
    write(`${stem}.ann`, broken ? 'T1\tActor 0 5\tObama\nT2\tClaim 11 99\tx\n' : 'T1\tActor 0 5\tObama\n');
    if (broken) bad.push(`${stem}.ann`);
  }
  return bad;
}

describe('workbench validate: every bad file in one run', () => {
  it('names each bad brat file with its line and problem, and exits 1', async () => {
    const bad = bratCorpus();
    expect(bad.length).toBe(13);
    const r = await run(['validate', '--format', 'brat', 'corpus'], cwd);
    expect(r.code).toBe(1);
    const errors = r.stderr.trimEnd().split('\n');
    expect(errors).toEqual(bad.sort().map((f) => `error: ${f} (line 2): T2: offsets 11-99 are outside the text (${f.match(/doc0*(\d+)/)![1].length + 12} characters)`));
    expect(r.stdout).toBe(
      'invalid: 13 files cannot be imported as they are (named above); import refuses them and writes nothing, or with --skip-bad-records leaves out what it can skip and reports each\n',
    );
  });

  it('reports files that cannot be read at all beside bad records', async () => {
    write('c/good.txt', 'abc');
    write('c/good.ann', 'T1\tActor 0 3\tabc\n');
    write('c/garbled.txt', 'abc');
    write('c/garbled.ann', 'this is no annotation\n');
    write('c/lonely.ann', '');
    const r = await run(['validate', '--format', 'brat', 'c'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: c/garbled.ann (line 1): not a brat annotation line (expected an id such as "T1" and a TAB): "this is no annotation"\n' +
        'error: c/lonely.ann: has no matching lonely.txt (brat pairs NAME.txt with NAME.ann)\n',
    );
  });

  it('a single bad file of another format is reported the same way', async () => {
    write('in.jsonl', '{"id": "a", "text": "x", "spans": [}\n');
    const r = await run(['validate', '--format', 'jsonl', 'in.jsonl'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: in\.jsonl \(line 1\): .+\n$/);
    expect(r.stdout).toMatch(/^invalid: 1 file cannot be imported as it is/);
  });
});

describe('workbench import of a corpus with bad files', () => {
  it('refuses, naming every bad file, and writes nothing', async () => {
    const bad = bratCorpus();
    const r = await run(['import', '--workspace', 'ws', '--format', 'brat', '--add-unknown-labels', 'corpus'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith('error: 13 files cannot be read:\n')).toBe(true);
    for (const f of bad) expect(r.stderr).toContain(`\n  ${f} (line 2): T2: offsets 11-99 are outside the text`);
    expect(r.stderr).toContain('\nNothing was imported. --skip-bad-records imports the rest, reporting each record or file left out.\n');
    expect(existsSync(path.join(cwd, 'ws'))).toBe(false);
  });

  it('with --skip-bad-records imports the rest, titles keeping the annotator folders, each skip reported', async () => {
    bratCorpus();
    const r = await run(['import', '--workspace', 'ws', '--format', 'brat', '--add-unknown-labels', '--skip-bad-records', 'corpus'], cwd);
    expect(r.code).toBe(0);
    // The 13 bad documents keep their good span T1.
    expect(r.stdout).toMatch(/^imported 600 articles \(600 spans, 0 statements\)/);
    expect(r.stderr.match(/^warning: skipped \(bad record\): /gm)).toHaveLength(13);
    expect(r.stdout).toContain('  annA/doc0000  (1 span)');
    expect(r.stdout).toContain('  annA/doc0002  (1 span)');
  });
});

describeCorpus('brat-tutorial-news', 'workbench validate on a real brat corpus', () => {
  it('brat-tutorial-news: valid as it is; with two documents broken, both are named in one run', async () => {
    const corpus = new URL('brat-tutorial-news/', CORPORA_URL);
    cpSync(corpus, path.join(cwd, 'news'), { recursive: true });
    const ok = await run(['validate', '--format', 'brat', 'news'], cwd);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^\d+ files: 13 articles, \d+ spans/);
    for (const doc of ['040-text_span_annotation', '999-complete']) {
      const ann = path.join(cwd, 'news', `${doc}.ann`);
      writeFileSync(ann, readFileSync(ann, 'utf8') + 'T999\tPerson 0 100000\tnowhere\n');
    }
    const r = await run(['validate', '--format', 'brat', 'news'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: news\/040-text_span_annotation\.ann \(line \d+\): T999: offsets 0-100000 are outside the text \(\d+ characters\)\nerror: news\/999-complete\.ann \(line \d+\): T999: offsets 0-100000 are outside the text \(\d+ characters\)\n$/);
  });
});
