/** JSONL through the UI: export, import into an empty workspace (with a preview), export again: the same bytes. */
import { test, expect, saveScreen, type DownloadedFile, type Workbench } from './fixtures';
import { addArticle, expectLibrary, expectSaved, libraryRow, openArticle, SAMPLE_TITLE, selectText } from './helpers';

function exportJsonl(workbench: Workbench): Promise<DownloadedFile> {
  return workbench.download(() => workbench.page.getByRole('button', { name: 'Export JSONL' }).click());
}

test('export JSONL, import it into an empty workspace, export again: byte-identical', async ({ app, workbench }, testInfo) => {
  test.slow(); // restarts the app twice
  // Two articles, one right-to-left with emoji, with overlapping spans, a note and a status.
  await addArticle(workbench, {
    title: 'گزارش تهران',
    text: 'وزیر امور خارجه ایران 🇮🇷 گفت که café در تهران باز است.\nسخنگوی دولت از گفتگوها حمایت کرد.',
    source: 'خبرگزاری',
    url: 'https://example.org/fa/1',
    date: '2024-02-11',
  });
  await openArticle(app, 'گزارش تهران');
  await selectText(app, { text: 'وزیر امور خارجه ایران' });
  await app.keyboard.press('1');
  await selectText(app, { text: 'ایران' });
  await app.keyboard.press('3');
  await selectText(app, { text: 'café' });
  await app.keyboard.press('3');
  await app.getByRole('button', { name: 'Back to library' }).click();
  await openArticle(app, SAMPLE_TITLE);
  await selectText(app, { text: 'Akira Endo' });
  await app.keyboard.press('1');
  await app.keyboard.press('Enter');
  await app.keyboard.type('quoted twice');
  await app.keyboard.press('Enter');
  await selectText(app, { text: 'voiced support' });
  await app.keyboard.press('2');
  await app.getByRole('button', { name: 'Mark done' }).click();
  await expectSaved(app);
  await app.getByRole('button', { name: 'Back to library' }).click();

  const first = await exportJsonl(workbench);
  expect(first.name).toMatch(/\.jsonl$/);
  const lines = first.bytes.toString('utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(2);

  // A fresh, empty workspace.
  const emptyDir = await workbench.newWorkspace({ seed: false });
  const page = await workbench.reopen({ dir: emptyDir });
  await expect(page.getByRole('heading', { name: 'No articles yet' })).toBeVisible();

  await page.getByRole('button', { name: 'Import JSONL' }).setInputFiles({ name: first.name, mimeType: 'application/x-ndjson', buffer: first.bytes });
  const dialog = page.getByRole('dialog', { name: 'Import JSONL' });
  await expect(dialog).toContainText(`${first.name} holds 2 articles, 5 spans and 0 statements.`);
  const titles = await dialog.getByRole('list', { name: 'Articles in the file' }).getByRole('listitem').allTextContents();
  expect(titles.sort()).toEqual([SAMPLE_TITLE, 'گزارش تهران'].sort());
  await saveScreen(page, testInfo, 'dialog-import-jsonl-preview');
  await dialog.getByRole('button', { name: 'Import 2 articles' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Imported 2 articles')).toBeVisible();
  await expect(libraryRow(page, SAMPLE_TITLE).getByRole('cell').nth(4)).toHaveText('Done');
  await expect(libraryRow(page, 'گزارش تهران')).toBeVisible();

  const second = await exportJsonl(workbench);
  expect(second.bytes.equals(first.bytes), 'the second export is byte-identical to the first').toBe(true);

  // And it is the state the annotator sees after a restart.
  const reopened = await workbench.reopen();
  await expectLibrary(reopened);
  expect((await exportJsonl(workbench)).bytes.equals(first.bytes)).toBe(true);
});
