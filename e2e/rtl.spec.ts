/**
 * Right-to-left text with emoji and accents: Persian words annotated by keyboard and by mouse
 * carry exactly their text, and the stored UTF-16 offsets slice to it.
 */
import { test, expect, saveScreen, type Workbench } from './fixtures';
import { addArticle, articleText, dragSelect, expectSaved, getArticle, openArticle, selectText, spanEntry } from './helpers';

const TITLE = 'وزیر امور خارجه';
// "e\u0301" is an e followed by a combining acute accent: two code units, one character.
const TEXT = ['وزیر امور خارجه ایران 🇮🇷 گفت که café در تهران باز است.', 'سخنگوی دولت از گفتگوها حمایت کرد و cafe\u0301 را دید.'].join('\n');

test.use({ seed: false });

async function openPersianArticle(workbench: Workbench): Promise<string> {
  const id = await addArticle(workbench, { title: TITLE, text: TEXT, source: 'خبرگزاری مهر' });
  await openArticle(workbench.page, TITLE);
  return id;
}

/** The stored spans as [label, exact text], checking that the offsets slice the text to it. */
async function stored(workbench: Workbench, id: string): Promise<string[][]> {
  const article = await getArticle(workbench, id);
  expect(article.text).toBe(TEXT);
  return article.spans.map((s) => [s.labelId, article.text.slice(s.start, s.end)]);
}

test('keyboard: arrow keys move by word in reading order, Shift+arrow selects a Persian word exactly', async ({ app, workbench }, testInfo) => {
  const id = await openPersianArticle(workbench);
  await expect(articleText(app)).toBeFocused();
  await expect(articleText(app).getByRole('paragraph').first()).toHaveCSS('direction', 'rtl');
  // Right-to-left paragraph: Left moves forward. From the first word to the fourth, "ایران".
  for (let i = 0; i < 3; i++) await app.keyboard.press('ArrowLeft');
  await app.keyboard.press('Shift+ArrowLeft');
  await app.keyboard.press('1');
  await expect(spanEntry(app, 'Actor', 'ایران')).toBeVisible();
  // The caret waits at the end of the new span; one word forward, past the flag: "گفت".
  await app.keyboard.press('ArrowLeft');
  await app.keyboard.press('Shift+ArrowLeft');
  await app.keyboard.press('2');
  await expect(spanEntry(app, 'Stance', 'گفت')).toBeVisible();
  await expectSaved(app);
  expect(await stored(workbench, id)).toEqual([
    ['actor', 'ایران'],
    ['stance', 'گفت'],
  ]);
  const article = await getArticle(workbench, id);
  expect(article.spans.map((s) => [s.start, s.end])).toEqual([
    [TEXT.indexOf('ایران'), TEXT.indexOf('ایران') + 'ایران'.length],
    [TEXT.indexOf('گفت'), TEXT.indexOf('گفت') + 3],
  ]);
  await app.keyboard.press('Escape');
  await saveScreen(app, testInfo, 'annotating-rtl-article');
});

test('mouse: dragging over Persian words, half a flag and half an accented word snaps to whole words and characters', async ({ app, workbench }) => {
  const id = await openPersianArticle(workbench);
  await dragSelect(app, { text: 'خارجه' });
  await app.keyboard.press('1');
  await expect(spanEntry(app, 'Actor', 'خارجه')).toBeVisible();
  // A sloppy drag over the middle of "تهران" labels the whole word.
  await dragSelect(app, { text: 'هرا', inside: 'تهران' });
  await app.keyboard.press('3');
  await expect(spanEntry(app, 'Claim', 'تهران')).toBeVisible();
  // Half a flag (one regional indicator) grows to the whole flag.
  await selectText(app, { text: '🇮' });
  await app.keyboard.press('2');
  await expect(spanEntry(app, 'Stance', '🇮🇷')).toBeVisible();
  // "caf" of a decomposed "café" takes the combining accent along.
  await selectText(app, { text: 'caf', inside: 'cafe\u0301' });
  await app.keyboard.press('3');
  await expect(spanEntry(app, 'Claim', 'cafe\u0301')).toBeVisible();
  await dragSelect(app, { text: 'café' });
  await app.keyboard.press('3');
  await expect(spanEntry(app, 'Claim', 'café')).toBeVisible();
  await expectSaved(app);
  expect((await stored(workbench, id)).sort()).toEqual(
    [
      ['actor', 'خارجه'],
      ['claim', 'تهران'],
      ['stance', '🇮🇷'],
      ['claim', 'cafe\u0301'],
      ['claim', 'café'],
    ].sort(),
  );
});
