/** The library: listing, filtering, adding by pasting, importing text files, deleting with confirmation. */
import { test, expect, saveScreen } from './fixtures';
import { addArticle, expectLibrary, libraryRow, openArticle, articleText, SAMPLE_SOURCE, SAMPLE_TITLE, tabTo } from './helpers';

const articlesTable = (page: import('@playwright/test').Page) => page.getByRole('table', { name: 'Articles' });
const bodyRows = (page: import('@playwright/test').Page) =>
  articlesTable(page).getByRole('row').filter({ has: page.getByRole('cell') });

test('lists the sample article with its title, source, status and span counts', async ({ app, workbench }, testInfo) => {
  const row = libraryRow(app, SAMPLE_TITLE);
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(2)).toHaveText(SAMPLE_SOURCE);
  await expect(row.getByRole('cell').nth(4)).toHaveText('Not started');
  await expect(row.getByRole('cell').nth(5)).toHaveText('—');
  await expect(app.getByText('1 article · 0 done')).toBeVisible();

  // Counts per label follow the stored spans.
  const [sample] = await workbench.api('listArticles', {});
  const text = (await workbench.api('getArticle', { id: sample.id })).text;
  const span = (id: string, labelId: string, word: string) => {
    const start = text.indexOf(word);
    const now = new Date().toISOString();
    return { type: 'addSpan' as const, span: { id, labelId, start, end: start + word.length, annotator: 'x', createdAt: now, updatedAt: now } };
  };
  await workbench.api('editArticle', {
    articleId: sample.id,
    edits: [span('s1', 'actor', 'Akira Endo'), span('s2', 'actor', 'Khaji'), span('s3', 'claim', 'humanitarian aid')],
  });
  await app.reload();
  const counts = libraryRow(app, SAMPLE_TITLE).getByRole('list', { name: 'Spans per label' });
  await expect(counts.getByRole('listitem')).toHaveText(['2 Actor', '1 Claim']);
  await expect(libraryRow(app, SAMPLE_TITLE).getByRole('cell').nth(4)).toHaveText('In progress');
  await saveScreen(app, testInfo, 'library');
});

test('filters the list by text', async ({ app, workbench }) => {
  await addArticle(workbench, { title: 'Parliament debates the budget', text: 'The budget was debated.', source: 'Tehran Times', date: '2024-05-02' });
  await expect(bodyRows(app)).toHaveCount(2);
  const filter = app.getByRole('searchbox', { name: 'Filter articles' });
  await filter.fill('mehr');
  await expect(bodyRows(app)).toHaveCount(1);
  await expect(libraryRow(app, SAMPLE_TITLE)).toBeVisible();
  await filter.fill('BUDGET');
  await expect(bodyRows(app)).toHaveCount(1);
  await expect(libraryRow(app, 'Parliament debates the budget')).toBeVisible();
  await filter.fill('2024-05');
  await expect(libraryRow(app, 'Parliament debates the budget')).toBeVisible();
  await filter.fill('no such thing');
  await expect(articlesTable(app).getByRole('cell', { name: 'No article matches “no such thing”.' })).toBeVisible();
  await filter.fill('');
  await expect(bodyRows(app)).toHaveCount(2);
});

test('adds an article by pasting its text (mouse)', async ({ app, workbench }, testInfo) => {
  await app.getByRole('button', { name: 'Add article' }).click();
  const dialog = app.getByRole('dialog', { name: 'Add article' });
  await expect(dialog).toBeVisible();
  const save = dialog.getByRole('button', { name: 'Save article' });
  await expect(save).toBeDisabled();
  await dialog.getByLabel('Title').fill('Talks resume in Geneva');
  await dialog.getByLabel('Text').fill('Delegations met in Geneva on Monday.\nThe talks will continue on Tuesday.');
  await dialog.getByLabel('Publisher').fill('Example Wire');
  await dialog.getByLabel('Source URL').fill('https://news.example.org/geneva-talks');
  await dialog.getByLabel('Date').fill('2024-03-01');
  await saveScreen(app, testInfo, 'dialog-add-article');
  await save.click();
  await expect(dialog).toBeHidden();

  const row = libraryRow(app, 'Talks resume in Geneva');
  await expect(row.getByRole('cell').nth(2)).toHaveText('Example Wire');
  await expect(row.getByRole('cell').nth(3)).toHaveText('2024-03-01');
  await expect(row.getByRole('link', { name: 'news.example.org' })).toHaveAttribute('href', 'https://news.example.org/geneva-talks');
  await expect(row.getByRole('cell').nth(4)).toHaveText('Not started');

  const stored = (await workbench.api('listArticles', {})).find((a) => a.title === 'Talks resume in Geneva')!;
  expect(stored).toMatchObject({ source: 'Example Wire', url: 'https://news.example.org/geneva-talks', date: '2024-03-01' });
  expect((await workbench.api('getArticle', { id: stored.id })).text).toBe(
    'Delegations met in Geneva on Monday.\nThe talks will continue on Tuesday.',
  );

  await openArticle(app, 'Talks resume in Geneva');
  await expect(articleText(app).getByRole('paragraph')).toHaveText(['Delegations met in Geneva on Monday.', 'The talks will continue on Tuesday.']);
});

test('adds an article by pasting its text (keyboard only)', async ({ app, workbench }) => {
  await tabTo(app, app.getByRole('button', { name: 'Add article' }));
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: 'Add article' });
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await app.keyboard.type('Keyboard article');
  await app.keyboard.press('Tab');
  await expect(dialog.getByLabel('Text')).toBeFocused();
  await app.keyboard.insertText('First line typed.\nSecond line.');
  await app.keyboard.press('Tab');
  await app.keyboard.type('Keyboard Press');
  await app.keyboard.press('Tab');
  await app.keyboard.type('https://example.org/k');
  await app.keyboard.press('Tab');
  await expect(dialog.getByLabel('Date')).toBeFocused();
  // en-US date field: month, day, year segments.
  await app.keyboard.type('04152024');
  await expect(dialog.getByLabel('Date')).toHaveValue('2024-04-15');
  await tabTo(app, dialog.getByRole('button', { name: 'Save article' }));
  await app.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(libraryRow(app, 'Keyboard article').getByRole('cell').nth(3)).toHaveText('2024-04-15');
  const stored = (await workbench.api('listArticles', {})).find((a) => a.title === 'Keyboard article')!;
  expect(stored).toMatchObject({ source: 'Keyboard Press', url: 'https://example.org/k' });
  expect((await workbench.api('getArticle', { id: stored.id })).text).toBe('First line typed.\nSecond line.');

  // Escape closes the dialog without adding anything.
  await tabTo(app, app.getByRole('button', { name: 'Add article' }));
  await app.keyboard.press('Enter');
  await app.keyboard.type('Never saved');
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(bodyRows(app)).toHaveCount(2);
});

test('imports several .txt and .md files as articles', async ({ app, workbench }) => {
  await app.getByRole('button', { name: 'Import files' }).setInputFiles([
    { name: 'briefing-one.txt', mimeType: 'text/plain', buffer: Buffer.from('First briefing.\nSecond paragraph.') },
    { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Weekly notes\n\nThe minister spoke.') },
    { name: 'persian.txt', mimeType: 'text/plain', buffer: Buffer.from('وزیر امور خارجه ایران گفت.') },
  ]);
  await expect(app.getByText('Imported 3 articles')).toBeVisible();
  await expect(bodyRows(app)).toHaveCount(4);
  for (const title of ['briefing-one', 'Weekly notes', 'persian']) await expect(libraryRow(app, title)).toBeVisible();
  const listed = await workbench.api('listArticles', {});
  const persian = listed.find((a) => a.title === 'persian')!;
  expect((await workbench.api('getArticle', { id: persian.id })).text).toBe('وزیر امور خارجه ایران گفت.');
});

test('deletes an article only after confirmation (mouse)', async ({ app, workbench }, testInfo) => {
  test.slow(); // restarts the app
  await addArticle(workbench, { title: 'Second article', text: 'Some text.' });
  const dialog = app.getByRole('dialog', { name: 'Delete article?' });

  await libraryRow(app, 'Second article').getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toContainText('Second article');
  await saveScreen(app, testInfo, 'dialog-delete-article');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(libraryRow(app, 'Second article')).toBeVisible();
  expect(await workbench.api('listArticles', {})).toHaveLength(2);

  await libraryRow(app, 'Second article').getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete permanently' }).click();
  await expect(dialog).toBeHidden();
  await expect(libraryRow(app, 'Second article')).toHaveCount(0);
  await expect(libraryRow(app, SAMPLE_TITLE)).toBeVisible();
  expect((await workbench.api('listArticles', {})).map((a) => a.title)).toEqual([SAMPLE_TITLE]);

  // Still gone after the app is reopened.
  const page = await workbench.reopen();
  await expectLibrary(page);
  await expect(libraryRow(page, 'Second article')).toHaveCount(0);
});

test('deletes an article only after confirmation (keyboard)', async ({ app, workbench }) => {
  const dialog = app.getByRole('dialog', { name: 'Delete article?' });
  const deleteButton = libraryRow(app, SAMPLE_TITLE).getByRole('button', { name: 'Delete' });
  await tabTo(app, deleteButton);
  await app.keyboard.press('Enter');
  // Cancel has the focus, so Enter keeps the article; so does Escape.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();
  await app.keyboard.press('Enter');
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await workbench.api('listArticles', {})).toHaveLength(1);

  await app.keyboard.press('Enter');
  await app.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete permanently' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(app.getByRole('heading', { name: 'No articles yet' })).toBeVisible();
  expect(await workbench.api('listArticles', {})).toEqual([]);
});

test.describe('the HTTP transport', () => {
  test.skip(({ target }) => target !== 'browser', 'holds the later pages at the HTTP transport, which only the browser host has');
  test('a long library shows its first rows and its whole count before the rest has arrived', async ({ app, workbench }) => {
    const files = Array.from({ length: 449 }, (_, i) => ({ name: `Report ${i}.txt`, content: `Text of report ${i}.`, encoding: 'utf8' as const }));
    await workbench.api('importTextFiles', { files });
    // The pages after the first wait until let go: the list is read for real, only later.
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    await app.route('**/api/listArticlePage', async (route) => {
      if ((route.request().postDataJSON() as { offset: number }).offset > 0) await held;
      await route.continue();
    });
    await app.reload();

    await expect(app.getByText('450 articles · loading… (200 of 450 listed)')).toBeVisible();
    await expect(articlesTable(app)).toHaveAttribute('aria-rowcount', '451');
    await expect(app.getByRole('checkbox', { name: 'Select all articles' })).toBeDisabled();
    await expect(bodyRows(app).first()).toContainText(SAMPLE_TITLE);

    letGo();
    await expect(app.getByText('450 articles · 0 done')).toBeVisible();
    await expect(articlesTable(app)).toHaveAttribute('aria-rowcount', '451');
    await expect(app.getByRole('checkbox', { name: 'Select all articles' })).toBeEnabled();
    await app.getByRole('searchbox', { name: 'Filter articles' }).fill('report 448');
    await expect(bodyRows(app)).toHaveCount(1);
  });
});
