/**
 * The whole annotating loop without a mouse: from the library to an article, caret and
 * selection with the arrow keys, a label key, span navigation, delete, undo, help, done, back.
 * Nothing here clicks; every step is a key press.
 */
import { test, expect, saveScreen } from './fixtures';
import { articleText, expectSaved, getArticle, libraryRow, SAMPLE_TITLE, selectedSpanCard, spanEntries, spanEntry, storedSpans, tabTo } from './helpers';

test('keyboard only: open an article, select two words, press 2, navigate, delete, undo, mark done', async ({ app, workbench }, testInfo) => {
  // Reach the article's title in the library with Tab and open it with Enter.
  await tabTo(app, libraryRow(app, SAMPLE_TITLE).getByRole('button', { name: SAMPLE_TITLE }));
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await expect(articleText(app)).toBeFocused();

  // "TEHRAN – In a telephone conversation…": the caret starts on the first word.
  for (let i = 0; i < 3; i++) await app.keyboard.press('ArrowRight');
  await app.keyboard.press('Shift+ArrowRight');
  await app.keyboard.press('Shift+ArrowRight');
  await app.keyboard.press('2');
  await expect(spanEntry(app, 'Stance', 'telephone conversation')).toBeVisible();
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('telephone conversation');

  // A second span two words further on: "on Wednesday" -> "Wednesday".
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('Shift+ArrowRight');
  await app.keyboard.press('1');
  await expect(spanEntry(app, 'Actor', 'Wednesday')).toBeVisible();

  // Navigate between spans.
  await app.keyboard.press('p');
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('telephone conversation');
  await app.keyboard.press('n');
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('Wednesday');

  // Delete, then undo.
  await app.keyboard.press('Delete');
  await expect(spanEntry(app, 'Actor', 'Wednesday')).toHaveCount(0);
  await expect(spanEntries(app)).toHaveCount(1);
  await app.keyboard.press('Control+z');
  await expect(spanEntry(app, 'Actor', 'Wednesday')).toBeVisible();
  await expectSaved(app);
  const id = (await workbench.api('listArticles', {}))[0].id;
  expect(storedSpans(await getArticle(workbench, id))).toEqual(['stance:telephone conversation', 'actor:Wednesday']);

  // The shortcut help, generated from the commands; Escape closes it and gives focus back.
  await app.keyboard.press('?');
  const help = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('region', { name: 'Labels' })).toContainText('Actor');
  await saveScreen(app, testInfo, 'dialog-keyboard-shortcuts');
  await app.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(articleText(app)).toBeFocused();

  // Mark done and go back to the library.
  await app.keyboard.press('Control+Enter');
  await expect(app.getByRole('button', { name: 'Mark done' })).toHaveAttribute('aria-pressed', 'true');
  await tabTo(app, app.getByRole('button', { name: 'Back to library' }), { backwards: true });
  await app.keyboard.press('Enter');
  const row = libraryRow(app, SAMPLE_TITLE);
  await expect(row.getByRole('cell').nth(4)).toHaveText('Done');
  await expect(row.getByRole('list', { name: 'Spans per label' }).getByRole('listitem')).toHaveText(['1 Actor', '1 Stance']);
});
