/** Every edit is on disk when the UI says so: after the app is closed and reopened, nothing has changed. */
import { test, expect } from './fixtures';
import {
  expectSaved,
  getArticle,
  libraryRow,
  openArticle,
  SAMPLE_TITLE,
  selectText,
  selectedSpanCard,
  spanEntries,
  spanEntry,
  spansPanel,
} from './helpers';

test('edits survive closing and reopening the app: the same spans, notes and status', async ({ app, workbench }) => {
  test.slow(); // restarts the app
  await openArticle(app, SAMPLE_TITLE);
  for (const [text, key] of [
    ['Akira Endo', '1'],
    ['Ali-Asghar Khaji', '1'],
    ['voiced support', '2'],
    ['humanitarian aid', '3'],
    ['the Iranian Foreign Ministry', '1'],
    ['Foreign Ministry', '3'],
  ] as const) {
    await selectText(app, { text });
    await app.keyboard.press(key);
  }
  // Relabel one, add a note to another, delete a third, and mark the article done.
  await spanEntry(app, 'Claim', 'Foreign Ministry').click();
  await app.keyboard.press('1');
  await spanEntry(app, 'Actor', 'Akira Endo').click();
  // The card follows the selection one frame later: type the note once it shows this span, as a user would.
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('Akira Endo');
  await selectedSpanCard(app).getByRole('textbox', { name: 'Note' }).fill('Japan’s special coordinator');
  await selectedSpanCard(app).getByRole('textbox', { name: 'Note' }).press('Enter');
  await spanEntry(app, 'Claim', 'humanitarian aid').click();
  await app.keyboard.press('Delete');
  await app.getByRole('button', { name: 'Mark done' }).click();
  await expect(spanEntries(app)).toHaveCount(5);
  await expectSaved(app);

  const panelBefore = await spansPanel(app).ariaSnapshot();
  const id = (await workbench.api('listArticles', {}))[0].id;
  const before = await getArticle(workbench, id);
  expect(before.spans).toHaveLength(5);

  const page = await workbench.reopen();
  await expect(libraryRow(page, SAMPLE_TITLE).getByRole('cell').nth(4)).toHaveText('Done');
  await expect(libraryRow(page, SAMPLE_TITLE).getByRole('list', { name: 'Spans per label' }).getByRole('listitem')).toHaveText([
    '4 Actor',
    '1 Stance',
  ]);
  await openArticle(page, SAMPLE_TITLE);
  await expect(spanEntries(page)).toHaveCount(5);
  expect(await spansPanel(page).ariaSnapshot()).toBe(panelBefore);
  await expect(spanEntry(page, 'Actor', 'Akira Endo')).toHaveAccessibleDescription('Japan’s special coordinator');
  await expect(page.getByRole('button', { name: 'Mark done' })).toHaveAttribute('aria-pressed', 'true');
  expect(await getArticle(workbench, id)).toEqual(before);
});
