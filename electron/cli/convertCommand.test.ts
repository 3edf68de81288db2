/**
 * `workbench convert` promises the output of `import --add-unknown-labels` into a new workspace
 * followed by `export`, without the workspace. Each test converts real files both ways (the
 * real commands, in process) and compares the outputs, less what an import makes up anew each
 * time (ids it had to give, timestamps of "now"). Bad input fails naming the file and writes
 * nothing; a killed conversion leaves no OUT. On several threads (--threads), a brat folder
 * gives what one thread gives, byte for byte less the same made-up ids and times, with the same
 * warnings and errors.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleToJsonlLine } from '../../shared/formats/jsonl';
import { corpusAccess } from '../../shared/formats/testing/corpora';
import * as fs from 'node:fs';
import { REPO_DATA_DIR, REPO_ROOT } from '../service/repoPaths';
import { tempDir } from '../service/testWorkspace';
import { parseCommandArgs, type CliContext } from './cliCommand';
import { reportError } from './cliErrors';
import { KNOWN_ARTICLES, runWorkbenchInProcess, snapshotDir, type CliRun } from './cliTestHelpers';
import { runConvertCli } from './convertCli';
import { convertCommand } from './convertCommand';
import { runConvert, type ConvertHooks } from './convertRun';
import { MAX_THREADS, startWorker, threadCount } from './convertThreads';

let tmp: ReturnType<typeof tempDir>;
let cwd: string;
beforeEach(() => {
  tmp = tempDir('workbench-convert-');
  cwd = tmp.dir;
});
afterEach(() => tmp.cleanup());

const file = (name: string) => path.join(cwd, name);

function writeFiles(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(file(name)), { recursive: true });
    writeFileSync(file(name), text);
  }
}

/**
 * `workbench convert ...args` in this process, through the same entry main.ts takes for it;
 * with `hooks`, runConvert itself, its errors reported as that entry reports them.
 */
async function convert(args: string[], hooks?: ConvertHooks): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTTY: false,
    signal: new AbortController().signal,
    cwd,
    dataDir: REPO_DATA_DIR,
  };
  if (!hooks) return { code: await runConvertCli(['convert', ...args], ctx), stdout, stderr };
  let code: number;
  try {
    code = await runConvert(parseCommandArgs(convertCommand, args), ctx, hooks);
  } catch (err) {
    code = reportError(err, convertCommand, ctx);
  }
  return { code, stdout, stderr };
}

let workspaces = 0;
/** The same conversion the long way: import into a new workspace, unknown labels added, then export. */
async function importThenExport(from: string, to: string, input: string, out: string, flags: string[] = []): Promise<void> {
  const ws = file(`ws${++workspaces}`);
  const importOnly = ['--skip-bad-records'];
  const exportOnly = ['--doccano-no-overlap'];
  const imported = await runWorkbenchInProcess(['import', '--workspace', ws, '--format', from, '--add-unknown-labels', ...flags.filter((f) => !exportOnly.includes(f)), input], cwd);
  expect(imported.stderr).not.toMatch(/^error/m);
  expect(imported.code).toBe(0);
  const exported = await runWorkbenchInProcess(['export', '--workspace', ws, '--format', to, '--out', out, ...flags.filter((f) => !importOnly.includes(f))], cwd);
  expect(exported.code).toBe(0);
}

/** doccano/JSONL lines without what an import makes up each time: ids it gave and "now" timestamps. */
function normalisedLines(p: string, made: readonly string[]): unknown[] {
  return readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      for (const key of made) delete record[key];
      for (const list of ['spans', 'statements'])
        for (const item of (record[list] as Record<string, unknown>[] | undefined) ?? []) {
          delete item.createdAt;
          delete item.updatedAt;
        }
      return record;
    });
}

/**
 * A brat corpus of two annotators' folders: the same document name in both (titles must keep
 * the folders apart), PolNeAR-style Attribution events (statements), a discontinuous span, a
 * note, an entity link, an astral emoji before the spans (code points vs UTF-16), a document
 * without .ann, and a file brat ignores.
 */
const BRAT_CORPUS: Record<string, string> = {
  'corpus/annA/doc1.txt': '🐱 Trump said the wall works, and Pelosi disagreed.\n',
  'corpus/annA/doc1.ann': [
    'T1\tSource 2 7\tTrump',
    'T2\tCue 8 12\tsaid',
    'T3\tContent 13 27\tthe wall works',
    'T4\tAttribution 8 12\tsaid',
    'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
    'T5\tSource 33 39\tPelosi',
    '#1\tAnnotatorNotes T5\tSpeaker of the House',
    'N1\tReference T5 workbench:pelosi\tNancy Pelosi',
    'T6\tContent 2 7;13 21\tTrump the wall',
    '',
  ].join('\n'),
  'corpus/annB/doc1.txt': '🐱 Trump said the wall works, and Pelosi disagreed.\n',
  'corpus/annB/doc1.ann': ['T1\tSource 2 7\tTrump', 'T2\tCue 40 49\tdisagreed', 'T3\tActor 33 39\tPelosi', ''].join('\n'),
  'corpus/annB/doc2.txt': 'No annotations here.\n',
  'corpus/annotation.conf': '[entities]\nSource\n',
};

describe('workbench convert gives what import then export give', () => {
  it('brat folder -> doccano, streamed pair by pair: the same records, titles keeping the annotator folders apart', async () => {
    writeFiles(BRAT_CORPUS);
    const r = await convert(['--from', 'brat', '--to', 'doccano', 'corpus', 'out.jsonl']);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('converted 3 articles (8 spans, 1 statement) from brat to doccano');
    await importThenExport('brat', 'doccano', 'corpus', file('ref.jsonl'));
    const made = ['id', 'created_at', 'updated_at'];
    const ours = normalisedLines(file('out.jsonl'), made);
    expect(ours).toEqual(normalisedLines(file('ref.jsonl'), made));
    expect(ours.map((r) => (r as { title: string }).title)).toEqual(['annA/doc1', 'annB/doc1', 'annB/doc2']);

    // For doccano projects without overlapping spans: one span per overlap group, as export keeps it.
    const flat = ['--doccano-no-overlap'];
    expect((await convert(['--from', 'brat', '--to', 'doccano', ...flat, 'corpus', 'flat.jsonl'])).code).toBe(0);
    await importThenExport('brat', 'doccano', 'corpus', file('ref-flat.jsonl'), flat);
    expect(normalisedLines(file('flat.jsonl'), made)).toEqual(normalisedLines(file('ref-flat.jsonl'), made));
    expect(normalisedLines(file('flat.jsonl'), made)).not.toEqual(ours);
  });

  it('brat folder -> brat folder and native JSONL: the same files, annotation.conf listing the added labels as the import adds them', async () => {
    writeFiles(BRAT_CORPUS);
    expect((await convert(['--from', 'brat', '--to', 'brat', 'corpus', 'out-brat'])).code).toBe(0);
    await importThenExport('brat', 'brat', 'corpus', file('ref-brat'));
    expect(snapshotDir(file('out-brat'))).toEqual(snapshotDir(file('ref-brat')));
    expect(readFileSync(file('out-brat/annotation.conf'), 'utf8')).toMatch(/\[entities\]\nActor\nStance\nClaim\nContent\nCue\nSource\n\n/);

    expect((await convert(['--from', 'brat', '--to', 'jsonl', 'corpus', 'out.jsonl'])).code).toBe(0);
    await importThenExport('brat', 'jsonl', 'corpus', file('ref.jsonl'));
    const made = ['id', 'createdAt', 'updatedAt'];
    const ours = normalisedLines(file('out.jsonl'), made);
    expect(ours).toEqual(normalisedLines(file('ref.jsonl'), made));
    // The entity record travels with the line that links it, as the workspace's export writes it.
    expect(ours[0]).toMatchObject({ entities: [{ id: 'pelosi', name: 'Nancy Pelosi' }] });
  });

  it('doccano -> brat zip, and native JSONL -> doccano in graphemes, -> conll and -> conllu (whose columns need every label first)', async () => {
    // A native JSONL of known articles, with a label the default schema lacks.
    const articles = KNOWN_ARTICLES.map((a, i) => (i === 1 ? { ...a, spans: a.spans.map((s) => ({ ...s, labelId: 'topic' })) } : a));
    writeFileSync(file('in.jsonl'), articles.map(articleToJsonlLine).join('\n') + '\n');
    for (const [to, out] of [
      ['conll', 'x.conll'],
      ['conllu', 'x.conllu'],
      ['jsonl', 'x.jsonl'],
    ]) {
      const r = await convert(['--from', 'jsonl', '--to', to, 'in.jsonl', `out-${out}`]);
      expect(r.code).toBe(0);
      await importThenExport('jsonl', to, 'in.jsonl', file(`ref-${out}`));
      expect(readFileSync(file(`out-${out}`), 'utf8')).toBe(readFileSync(file(`ref-${out}`), 'utf8'));
    }
    expect(readFileSync(file('out-x.conll'), 'utf8')).toMatch(/topic/i);

    const unit = ['--doccano-unit', 'grapheme'];
    expect((await convert(['--from', 'jsonl', '--to', 'doccano', ...unit, 'in.jsonl', 'g.jsonl'])).code).toBe(0);
    await importThenExport('jsonl', 'doccano', 'in.jsonl', file('ref-g.jsonl'), unit);
    expect(readFileSync(file('g.jsonl'), 'utf8')).toBe(readFileSync(file('ref-g.jsonl'), 'utf8'));

    expect((await convert(['--from', 'doccano', '--to', 'brat', ...unit, 'g.jsonl', 'out.zip'])).code).toBe(0);
    await importThenExport('doccano', 'brat', 'g.jsonl', file('ref.zip'), unit);
    // Entries compared, not bytes: a zip stamps each entry with the time it was written.
    const entries = (zip: string) => Object.entries(unzipSync(readFileSync(file(zip)))).map(([name, bytes]) => [name, strFromU8(bytes)]);
    expect(entries('out.zip')).toEqual(entries('ref.zip'));
    expect(entries('out.zip').map(([name]) => name)).toContain('annotation.conf');
  });

  const { describeCorpus } = corpusAccess(fs);
  describeCorpus('brat-tutorial-news', 'on the brat tutorial corpus (../shared/corpora)', () => {
    it('brat -> doccano and brat -> csv', async () => {
      const input = path.join(REPO_ROOT, '..', 'shared', 'corpora', 'brat-tutorial-news');
      const r = await convert(['--from', 'brat', '--to', 'doccano', input, 'out.jsonl']);
      expect(r.code).toBe(0);
      // The codec's warnings, counted over the whole folder as one parse counts them: one line per kind, not one per pair.
      expect(r.stderr.split('\n').filter((l) => /^warning: .*relations .*that are not statements/.test(l))).toHaveLength(1);
      await importThenExport('brat', 'doccano', input, file('ref.jsonl'));
      const made = ['id', 'created_at', 'updated_at'];
      expect(normalisedLines(file('out.jsonl'), made)).toEqual(normalisedLines(file('ref.jsonl'), made));
      expect((await convert(['--from', 'brat', '--to', 'csv', input, 'csv'])).code).toBe(0);
      expect(readdirSync(file('csv')).sort()).toEqual(['articles.csv', 'spans.csv', 'statements.csv']);
    });
  });
});

/** On several threads, the workers convert every document: nothing passes because the main thread did the work. */
const ON_WORKERS: ConvertHooks = { workersOnly: true };

/** The output without what an import makes up each run: the article ids it gave and "now". */
const normalised = (name: string) =>
  readFileSync(file(name), 'utf8')
    .replace(/"id":"a[a-z0-9]{12}"/g, '"id":"A"')
    .replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/g, '"T"');

/**
 * 40 PolNeAR-style documents, each unlike the others in something a thread could get wrong when
 * it converts them apart from the rest: labels whose ids collide ("Foo_Bar", "foo-bar"), met
 * first on different threads; warnings counted over the folder (events without polarity, a
 * relation that is no statement, covered text that differs); losses (span attributes, entity
 * links, with their first example); an entity named two ways in two documents; a grapheme
 * cluster cut by a span (widened in grapheme units, one export warning per article); a
 * discontinuous span; files brat ignores.
 */
function threadsCorpus(): Record<string, string> {
  const files: Record<string, string> = { 'corpus/annotation.conf': '[entities]\nSource\n', 'corpus/README.txt': 'about', 'corpus/notes.csv': 'x' };
  for (let i = 0; i < 40; i++) {
    const name = `corpus/${i < 20 ? 'a' : 'b'}/doc${String(i).padStart(2, '0')}`;
    const text = `Cafe\u0301 ${i}: Trump said the wall works 🐱, and Pelosi disagreed.\n`;
    // Code points: "Café" is 5 (e + U+0301), so "Trump" starts at 5 + 1 + digits + 2.
    const at = 5 + 1 + String(i).length + 2;
    const lines = [
      `T1\tSource ${at} ${at + 5}\tTrump`,
      `T2\tCue ${at + 6} ${at + 10}\tsaid`,
      `T3\tContent ${at + 11} ${at + 25}\tthe wall works`,
      `T4\tAttribution ${at + 6} ${at + 10}\tsaid`,
      `E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1`,
      `T5\t${i === 31 ? 'Foo_Bar' : i === 3 ? 'foo-bar' : 'Actor'} ${at + 33} ${at + 39}\tPelosi`,
    ];
    if (i % 7 === 2) lines.push(`A1\tConfidence T1 high`, `R1\tFriends Arg1:T1 Arg2:T5`);
    if (i % 9 === 4) lines.push(`N1\tReference T5 workbench:pelosi\t${i < 20 ? 'Nancy Pelosi' : 'N. Pelosi'}`, `#1\tAnnotatorNotes T5\tSpeaker`);
    if (i % 11 === 5) lines.push(`T6\tContent ${at} ${at + 5};${at + 11} ${at + 19}\tTrump the wall`);
    if (i % 13 === 6) lines.push(`T7\tCue 3 4\tX`);
    if (i % 5 === 1) lines.push(`T8\tCue 0 4\tCafe`);
    files[`${name}.txt`] = text;
    if (i !== 17) files[`${name}.ann`] = lines.join('\n') + '\n';
  }
  return files;
}

describe('workbench convert on several threads', () => {
  it('gives one thread’s output, warnings and counts, in UTF-16 and in grapheme units', async () => {
    writeFiles(threadsCorpus());
    for (const unit of [[], ['--doccano-unit', 'grapheme']]) {
      const one = await convert(['--from', 'brat', '--to', 'doccano', ...unit, '--threads', '1', 'corpus', 'one.jsonl'], ON_WORKERS);
      const three = await convert(['--from', 'brat', '--to', 'doccano', ...unit, '--threads', '3', 'corpus', 'three.jsonl'], ON_WORKERS);
      expect(one.code).toBe(0);
      expect(three.code).toBe(0);
      expect(three.stderr).toBe(one.stderr);
      expect(three.stdout.replace('three.jsonl', 'one.jsonl')).toBe(one.stdout);
      expect(normalised('three.jsonl')).toBe(normalised('one.jsonl'));
      // What the comparison rests on: the documents say all of these things.
      expect(one.stdout).toContain('converted 40 articles');
      for (const said of ['span attributes were not carried', 'entity links were not carried', 'relations that are not statements', 'differ from an earlier record of the same id', 'without a Polarity attribute', 'no matching .ann file', 'covered text differs'])
        expect(one.stderr).toContain(said);
      if (unit.length) expect(one.stderr).toMatch(/widened to whole clusters/);
      expect(readFileSync(file('one.jsonl'), 'utf8')).toMatch(/"label":"Foo_Bar".*\n(.*\n)*.*"label":"foo-bar"|"label":"foo-bar"(.*\n)*.*"label":"Foo_Bar"/);
    }
  });

  it('names every bad file converted on a worker, as one thread does, and leaves no OUT and no temp file', async () => {
    writeFiles({
      ...threadsCorpus(),
      'corpus/a/doc05.ann': 'T1\tSource 0 500\tfar\n',
      'corpus/b/doc33.ann': 'T1\tSource 0 2\tCa\nT1\tCue 3 4\te\n',
      'corpus/c/orphan.ann': 'T1\tSource 0 2\tno\n',
    });
    const before = snapshotDir(cwd);
    const one = await convert(['--from', 'brat', '--to', 'doccano', '--threads', '1', 'corpus', 'out.jsonl'], ON_WORKERS);
    const three = await convert(['--from', 'brat', '--to', 'doccano', '--threads', '3', 'corpus', 'out.jsonl'], ON_WORKERS);
    expect(three.code).toBe(1);
    expect(three.stderr).toBe(one.stderr);
    expect(three.stderr).toMatch(/^error: 3 files cannot be read:\n.*doc05\.ann \(line 1\): T1: offsets 0-500 are outside the text.*\n.*doc33\.ann \(line 2\): duplicate id T1\n.*orphan\.ann: has no matching orphan\.txt/m);
    expect(snapshotDir(cwd)).toEqual(before);
  });

  it('starts a worker from the TypeScript source (as a stale bundle does) whatever the working folder', async () => {
    const schema = JSON.parse(readFileSync(path.join(REPO_DATA_DIR, 'default-schema.json'), 'utf8'));
    const before = process.cwd();
    process.chdir(cwd);
    try {
      const worker = startWorker({ from: 'brat', to: 'doccano', options: {}, baseSchema: schema, cwd, notLost: [] });
      const said = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      await worker.terminate();
      expect(said).toEqual({ type: 'ready' });
    } finally {
      process.chdir(before);
    }
  }, 60_000);

  it('refuses --threads that is not a whole number from 1 (usage, exit 2)', async () => {
    writeFiles(threadsCorpus());
    for (const bad of ['0', '1.5', 'many']) {
      expect((await convert(['--from', 'brat', '--to', 'doccano', '--threads', bad, 'corpus', 'out.jsonl'])).code).toBe(2);
    }
  });

  it('takes one thread per 100 documents, at most half the cores and MAX_THREADS; --threads at most one per document', () => {
    expect(threadCount(1000, undefined, 2)).toBe(1);
    expect(threadCount(1000, undefined, 8)).toBe(4);
    expect(threadCount(150, undefined, 16)).toBe(2);
    expect(threadCount(50, undefined, 8)).toBe(1);
    expect(threadCount(100_000, undefined, 64)).toBe(MAX_THREADS);
    expect(threadCount(3, 8)).toBe(3);
    expect(threadCount(300, 2)).toBe(2);
  });
});

describe('workbench convert refuses bad input and writes nothing', () => {
  it('names every bad brat file in one error (exit 1) and leaves no OUT and no temp file', async () => {
    writeFiles({
      ...BRAT_CORPUS,
      'corpus/annB/bad.txt': 'short',
      'corpus/annB/bad.ann': 'T1\tSource 0 50\tshort\n',
      'corpus/annC/worse.ann': 'T1\tSource 0 2\tno\n',
    });
    const before = snapshotDir(cwd);
    const r = await convert(['--from', 'brat', '--to', 'doccano', 'corpus', 'out.jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: 2 files cannot be read/m);
    expect(r.stderr).toContain(path.join('corpus', 'annB', 'bad.ann'));
    expect(r.stderr).toMatch(/worse\.ann.*has no matching worse\.txt/);
    expect(snapshotDir(cwd)).toEqual(before);
  });

  it('names the file and line of a bad JSONL record past the first lines', async () => {
    const lines = KNOWN_ARTICLES.map(articleToJsonlLine);
    lines[3] = lines[3].replace('"end":5', '"end":500');
    writeFileSync(file('in.jsonl'), lines.join('\n') + '\n');
    const before = snapshotDir(cwd);
    const r = await convert(['--from', 'jsonl', '--to', 'doccano', 'in.jsonl', 'out.jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: in\.jsonl \(line 4\)/m);
    expect(snapshotDir(cwd)).toEqual(before);
    // --skip-bad-records converts the rest and reports what it left out.
    const skipped = await convert(['--from', 'jsonl', '--to', 'doccano', '--skip-bad-records', 'in.jsonl', 'out.jsonl']);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/^warning: .*line 4/m);
  });

  it('refuses a missing IN and an OUT folder that is not empty before reading anything (exit 1), and usage errors (exit 2)', async () => {
    expect(await convert(['--from', 'brat', '--to', 'doccano', 'nowhere', 'out.jsonl'])).toMatchObject({ code: 1, stderr: expect.stringContaining('nowhere: no such file or folder') });
    writeFiles({ ...BRAT_CORPUS, 'full/x.txt': 'x' });
    expect(await convert(['--from', 'brat', '--to', 'brat', 'corpus', 'full'])).toMatchObject({ code: 1, stderr: expect.stringContaining('is not empty') });
    expect((await convert(['--from', 'brat', '--to', 'doccano', 'corpus'])).code).toBe(2);
    expect((await convert(['--from', 'brat', '--to', 'doccano', 'corpus', 'a', 'b'])).code).toBe(2);
    expect((await convert(['--from', 'nope', '--to', 'doccano', 'corpus', 'a'])).stderr).toContain('--from must be one of');
  });
});

describe('workbench convert on a disk that refuses the output part way', () => {
  it('fails naming the refusal (exit 1), with no OUT and no temp file left, though the writes run behind the conversion', async () => {
    // 60 records of about 40 KB each, 2.4 MB of output, against a file size limit of 1 MB (ulimit -f: EFBIG from the 5th 256 KB write on).
    const text = 'Ali said the plan fails. '.repeat(1_600);
    writeFileSync(file('in.jsonl'), Array.from({ length: 60 }, (_, i) => JSON.stringify({ text: `${i} ${text}`, label: [[0, 2, 'Actor']] })).join('\n') + '\n');
    const before = snapshotDir(cwd);
    const workbench = path.join(REPO_ROOT, 'bin', 'workbench.cjs');
    const child = spawn('bash', ['-c', `ulimit -f 1024 && exec "${process.execPath}" "${workbench}" convert --from doccano --to doccano in.jsonl out.jsonl`], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(stderr).toBe(`error: cannot write ${file('out.jsonl')}: EFBIG: file too large, write\n`);
    expect(code).toBe(1);
    expect(snapshotDir(cwd)).toEqual(before);
  }, 60_000);
});

/** Start a real conversion of `args` in a child process (convertCrashChild.ts), wait until it holds with its output half written, and kill it. */
async function killHeldConversion(args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'electron/cli/convertCrashChild.ts'), cwd, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
    child.on('exit', (code) => reject(new Error(`the child exited (${code}) before it was held`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('a killed workbench convert', () => {
  it('on several threads, leaves no OUT, only the hidden temp file', async () => {
    writeFiles(threadsCorpus());
    await killHeldConversion(['--from', 'brat', '--to', 'doccano', '--threads', '2', 'corpus', 'out.jsonl']);
    expect(existsSync(file('out.jsonl'))).toBe(false);
    expect(readdirSync(cwd).filter((n) => n.startsWith('.out.jsonl.'))).toHaveLength(1);
  }, 60_000);

  it('leaves no OUT: the output is renamed into place only when complete', async () => {
    writeFileSync(file('in.jsonl'), KNOWN_ARTICLES.map(articleToJsonlLine).join('\n') + '\n');
    await killHeldConversion(['--from', 'jsonl', '--to', 'doccano', 'in.jsonl', 'out.jsonl']);
    expect(existsSync(file('out.jsonl'))).toBe(false);
    // What the kill left is the hidden temp file, which a rerun does not mind.
    expect(readdirSync(cwd).filter((n) => n.startsWith('.out.jsonl.'))).toHaveLength(1);
    expect((await convert(['--from', 'jsonl', '--to', 'doccano', 'in.jsonl', 'out.jsonl'])).code).toBe(0);
    expect(readFileSync(file('out.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(KNOWN_ARTICLES.length);
  }, 60_000);
});
