/**
 * The Import… and Export… dialogs against the real service: a brat pair whose offsets count
 * code points (emoji before the spans), every export format downloaded with its name, a
 * malformed file refused in the dialog, and a long export's progress bar and cancel.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, saveScreen, type Workbench } from './fixtures';
import { expectLibrary, getArticle, libraryRow, openArticle, spanEntry, storedSpans, tabTo } from './helpers';

/** Flag, cat and family emoji: 4, 2 and 8 UTF-16 units but 2, 1 and 5 code points. */
const BRAT_TEXT = '🇯🇵 Kishida 🐱 denounced the plan.\nThe EU 👨‍👩‍👧 welcomed it.\n';

/** Code-point offsets of `part` in `text` (what brat counts). */
function codePoints(text: string, part: string): [number, number] {
  const at = text.indexOf(part);
  if (at < 0) throw new Error(`"${part}" is not in the text`);
  const start = [...text.slice(0, at)].length;
  return [start, start + [...part].length];
}

function bratAnn(text: string, spans: [label: string, part: string][]): string {
  return spans.map(([label, part], i) => `T${i + 1}\t${label} ${codePoints(text, part).join(' ')}\t${part}\n`).join('');
}

const bodyRows = (page: Page) => page.getByRole('table', { name: 'Articles' }).getByRole('row').filter({ has: page.getByRole('cell') });

async function openImportDialog(page: Page) {
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function openExportDialog(page: Page) {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('imports a brat pair through the Import dialog; code-point offsets land on the right words', async ({ app, workbench }, testInfo) => {
  const dir = testInfo.outputPath('brat');
  mkdirSync(dir, { recursive: true });
  const txt = path.join(dir, 'protest.txt');
  const ann = path.join(dir, 'protest.ann');
  writeFileSync(txt, BRAT_TEXT);
  writeFileSync(
    ann,
    bratAnn(BRAT_TEXT, [
      ['Actor', 'Kishida'],
      ['Stance', 'denounced'],
      ['Claim', 'the plan'],
      ['Minister', 'The EU'],
    ]),
  );

  const dialog = await openImportDialog(app);
  const formats = dialog.getByRole('radiogroup', { name: 'Format' });
  await expect(formats.getByRole('radio')).toHaveCount(8);
  await formats.getByRole('radio', { name: 'brat', exact: true }).check();
  await dialog.getByLabel('Choose files…').setInputFiles([txt, ann]);

  await expect(dialog).toContainText('The 2 files hold 1 article, 4 spans and 0 statements.');
  await expect(dialog.getByRole('list', { name: 'Articles in the files' })).toHaveText('protest');
  const commit = dialog.getByRole('button', { name: 'Import 1 article' });
  // "Minister" is not in the schema: the import waits until it is mapped.
  await expect(commit).toBeDisabled();
  await saveScreen(app, testInfo, 'dialog-import-brat-preview');
  await dialog.getByRole('combobox', { name: 'Minister' }).selectOption({ label: 'Map onto Actor' });
  await expect(commit).toBeEnabled();
  await commit.click();

  await expect(dialog).toBeHidden();
  await expect(app.getByText('Imported 1 article')).toBeVisible();
  await expect(libraryRow(app, 'protest')).toBeVisible();

  await openArticle(app, 'protest');
  for (const [label, text] of [
    ['Actor', 'Kishida'],
    ['Stance', 'denounced'],
    ['Claim', 'the plan'],
    ['Actor', 'The EU'],
  ] as const)
    await expect(spanEntry(app, label, text)).toBeVisible();
  const id = (await workbench.api('listArticles', {})).find((a) => a.title === 'protest')!.id;
  const stored = await getArticle(workbench, id);
  expect(stored.text).toBe(BRAT_TEXT);
  expect(storedSpans(stored)).toEqual(['actor:Kishida', 'stance:denounced', 'claim:the plan', 'actor:The EU']);
});

test('exports the workspace in every format through the Export dialog', async ({ app, workbench }, testInfo) => {
  test.slow();
  await workbench.api('commitImport', {
    format: 'brat',
    files: [
      { name: 'protest.txt', content: BRAT_TEXT },
      { name: 'protest.ann', content: bratAnn(BRAT_TEXT, [['Actor', 'Kishida'], ['Stance', 'denounced'], ['Claim', 'the plan']]) },
    ],
  });
  await app.reload();
  await expectLibrary(app);
  const expected = ['Actor:Kishida', 'Stance:denounced', 'Claim:the plan'];

  const dialog = await openExportDialog(app);
  const exportButton = dialog.getByRole('button', { name: 'Export 2 articles' });
  const exportAs = async (radio: string) => {
    await dialog.getByRole('radiogroup', { name: 'Format' }).getByRole('radio', { name: radio, exact: true }).check();
    const file = await workbench.download(() => exportButton.click());
    await expect(dialog.getByRole('status')).toHaveText(new RegExp(`^Exported 2 articles to ${file.name.replace('.', '\\.')} \\(`));
    expect(file.bytes.length, `${radio} export is not empty`).toBeGreaterThan(0);
    return file;
  };

  const jsonl = await exportAs('Native JSONL');
  expect(jsonl.name).toBe('workbench-jsonl.jsonl');
  const records = jsonl.bytes.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  const native = records.find((r) => r.title === 'protest');
  const labelName: Record<string, string> = { actor: 'Actor', stance: 'Stance', claim: 'Claim' };
  expect(native.spans.map((s: { labelId: string; start: number; end: number }) => `${labelName[s.labelId]}:${native.text.slice(s.start, s.end)}`)).toEqual(expected);

  const doccano = await exportAs('doccano');
  expect(doccano.name).toBe('workbench-doccano.jsonl');
  const docs = doccano.bytes.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  expect(docs).toHaveLength(2);
  const doc = docs.find((d) => d.text === BRAT_TEXT);
  expect(doc.offset_unit).toBe('utf16');
  expect(doc.entities.map((e: { label: string; start_offset: number; end_offset: number }) => `${e.label}:${doc.text.slice(e.start_offset, e.end_offset)}`)).toEqual(expected);

  await saveScreen(app, testInfo, 'dialog-export-done');
  for (const [radio, name] of [
    ['brat', 'workbench-brat.zip'],
    ['CSV', 'workbench-csv.zip'],
    ['W3C Web Annotation', 'workbench-w3c.jsonld'],
    ['Label Studio', 'workbench-label-studio.json'],
    ['CoNLL', 'workbench-conll.conll'],
    ['CoNLL-U', 'workbench-conllu.conllu'],
  ] as const) {
    const file = await exportAs(radio);
    expect(file.name).toBe(name);
    if (name.endsWith('.zip')) expect(file.bytes.subarray(0, 2).toString('latin1'), `${name} is a zip`).toBe('PK');
  }
});

test('doccano for a project without overlapping spans: the dialog says so, and "Keep one span per overlap" writes one per group in doccano\'s grapheme count', async ({ app, workbench }) => {
  const text = 'Ugh 😮‍💨 Kishida denounced the plan.\n';
  await workbench.api('commitImport', {
    format: 'brat',
    files: [
      { name: 'nested.txt', content: text },
      { name: 'nested.ann', content: bratAnn(text, [['Actor', 'Kishida'], ['Stance', 'denounced'], ['Claim', 'Kishida denounced the plan']]) },
    ],
  });
  await app.reload();
  await expectLibrary(app);
  const dialog = await openExportDialog(app);
  await dialog.getByRole('radiogroup', { name: 'Format' }).getByRole('radio', { name: 'doccano', exact: true }).check();
  const box = dialog.getByRole('checkbox', { name: 'Keep one span per overlap' });
  await expect(box).toHaveAccessibleDescription(/Overlapping spans need the doccano project setting “Allow overlapping spans”/);
  await dialog.getByRole('radiogroup', { name: 'Offsets count' }).getByRole('radio', { name: 'Grapheme clusters' }).check();
  await box.check();
  const file = await workbench.download(() => dialog.getByRole('button', { name: 'Export 2 articles' }).click());
  const doc = file.bytes.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l)).find((d) => d.text === text);
  // doccano counts 😮‍💨 as two clusters (grapheme-splitter 1.0.4): "Kishida" starts at cluster 7.
  expect(doc.entities).toEqual([{ id: 0, label: 'Claim', start_offset: 7, end_offset: 33 }]);
  expect(doc.relations).toEqual([]);
  await expect(dialog.getByText(/overlapping spans left out .*: 2 spans in 1 article, e\.g\. nested: Actor "Kishida" overlaps Claim "Kishida denounced the plan", which was kept/)).toBeVisible();
});

test('the Export and Import dialogs say what the format cannot carry: one line per kind, with its count and first example', async ({ app, workbench }) => {
  const text = 'Kishida denounced the plan.\n';
  await workbench.api('commitImport', {
    format: 'brat',
    files: [
      { name: 'noted.txt', content: text },
      { name: 'noted.ann', content: `${bratAnn(text, [['Actor', 'Kishida']])}#1\tAnnotatorNotes T1\thead of government\nA1\tConfidence T1 High\n` },
    ],
  });
  await app.reload();
  await expectLibrary(app);
  const dialog = await openExportDialog(app);
  const exportIn = async (radio: string) => {
    await dialog.getByRole('radiogroup', { name: 'Format' }).getByRole('radio', { name: radio, exact: true }).check();
    await workbench.download(() => dialog.getByRole('button', { name: 'Export 2 articles' }).click());
    return dialog.getByRole('region', { name: 'Not written exactly' }).getByRole('listitem');
  };
  // doccano keeps span notes (its span_notes meta key) but has no place for attributes.
  const doccano = await exportIn('doccano');
  await expect(doccano.filter({ hasText: /^1 span attribute was not carried \(doccano has no place for them\), first: article "noted" span \S+: Confidence=High$/ })).toHaveCount(1);
  await expect(doccano.filter({ hasText: /span note/ })).toHaveCount(0);
  const conll = await exportIn('CoNLL');
  await expect(conll.filter({ hasText: /^1 span note was not carried \(CoNLL-2003 has no place for them\), first: article "noted" span \S+: head of government$/ })).toHaveCount(1);
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const importDialog = await openImportDialog(app);
  await importDialog.getByRole('radio', { name: 'doccano', exact: true }).check();
  const record = { text: 'Kishida denounced the plan.', label: [[0, 7, 'Actor']], cats: ['politics', 'japan'] };
  await importDialog.getByLabel('Choose files…').setInputFiles([{ name: 'cats.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(`${JSON.stringify(record)}\n`) }]);
  const lines = importDialog.getByRole('region', { name: 'Not carried over exactly' }).getByRole('listitem');
  await expect(lines.first()).toHaveText('2 document categories were not carried (the workbench has no place for them), first: cats.jsonl line 1: cats "politics"');
});

test('the Export dialog works from the keyboard alone', async ({ app, workbench }) => {
  const opener = app.getByRole('button', { name: 'Export…' });
  await tabTo(app, opener);
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: 'Export' });
  // The checked format has the focus; arrow keys move the choice.
  await expect(dialog.getByRole('radio', { name: 'Native JSONL' })).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: 'brat', exact: true })).toBeChecked();
  const submit = dialog.getByRole('button', { name: 'Export 1 article' });
  await tabTo(app, submit);
  const file = await workbench.download(() => app.keyboard.press('Enter'));
  expect(file.name).toBe('workbench-brat.zip');
  await expect(submit).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('a malformed file: the Import dialog names the file and the line, and nothing is imported', async ({ app, workbench }) => {
  const before = await workbench.api('listArticles', {});
  const dialog = await openImportDialog(app);
  await dialog.getByRole('radio', { name: 'brat', exact: true }).check();
  await dialog.getByLabel('Choose files…').setInputFiles([
    { name: 'broken.txt', mimeType: 'text/plain', buffer: Buffer.from('Kishida denounced the plan.') },
    { name: 'broken.ann', mimeType: 'text/plain', buffer: Buffer.from('T1\tActor 0 7\tKishida\nT2\tClaim 50 70\tthe plan\n') },
  ]);
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('broken.ann');
  await expect(alert).toContainText('line 2');
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(bodyRows(app)).toHaveCount(before.length);
  expect(await workbench.api('listArticles', {})).toEqual(before);
});

/** A few hundred long articles, so an export takes long enough to watch and cancel. */
async function populate(workbench: Workbench, count: number): Promise<void> {
  const paragraph = 'The minister said the talks in Astana would continue next week. 🇯🇵 Observers were not convinced. ';
  const files = Array.from({ length: count }, (_, i) => ({
    name: `bulk-${String(i).padStart(3, '0')}.txt`,
    content: `Report ${i}.\n${paragraph.repeat(330)}`,
  }));
  await workbench.api('importTextFiles', { files });
  await workbench.page.reload();
  await expectLibrary(workbench.page);
}

test('a long export shows its progress and can be cancelled, leaving nothing; the next export completes', async ({ app, workbench }, testInfo) => {
  test.slow();
  await populate(workbench, 300);
  const total = (await workbench.api('listArticles', {})).length;
  const downloads: string[] = [];
  app.on('download', (d) => downloads.push(d.suggestedFilename()));

  const dialog = await openExportDialog(app);
  await dialog.getByRole('radio', { name: 'CoNLL', exact: true }).check();
  await dialog.getByRole('button', { name: `Export ${total} articles` }).click();

  const progress = dialog.getByRole('progressbar', { name: 'Export progress' });
  await expect(progress).toBeVisible();
  await expect.poll(() => progress.evaluate((el) => (el as HTMLProgressElement).value)).toBeGreaterThan(0);
  expect(await progress.evaluate((el) => (el as HTMLProgressElement).max)).toBe(total);
  await expect(dialog.getByText(new RegExp(`^\\d+ / ${total}$`))).toBeVisible();
  const cancel = dialog.getByRole('button', { name: 'Cancel export' });
  await expect(cancel).toBeFocused();
  await saveScreen(app, testInfo, 'dialog-export-progress');
  await cancel.click();

  await expect(dialog.getByRole('status')).toHaveText('Export cancelled. Nothing was saved.');
  await expect(progress).toBeHidden();
  expect(downloads).toEqual([]);

  // The dialog is ready for another export, which reads the finished file back in chunks.
  await dialog.getByRole('radio', { name: 'Native JSONL', exact: true }).check();
  const file = await workbench.download(() => dialog.getByRole('button', { name: `Export ${total} articles` }).click());
  expect(file.name).toBe('workbench-jsonl.jsonl');
  expect(file.bytes.length).toBeGreaterThan(8 * 1024 * 1024);
  expect(file.bytes.toString('utf8').trimEnd().split('\n')).toHaveLength(total);
});
