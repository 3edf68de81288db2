/** First run: the annotator's name is asked once, recorded on spans, and changeable in Settings. */
import { test, expect, saveScreen } from './fixtures';
import { expectLibrary, expectSaved, getArticle, labelButton, openArticle, SAMPLE_TITLE, selectText, selectedSpanCard } from './helpers';

const welcome = (page: import('@playwright/test').Page) => page.getByRole('dialog', { name: 'Welcome to Annotation Workbench' });

test.describe('first run', () => {
  test.use({ annotator: null });

  test('asks for the name once (mouse); the name is on new spans and the prompt does not return', async ({ app, workbench }, testInfo) => {
    test.slow(); // restarts the app
    await expect(welcome(app)).toBeVisible();
    await saveScreen(app, testInfo, 'dialog-first-run');
    const continueButton = welcome(app).getByRole('button', { name: 'Continue' });
    await expect(continueButton).toBeDisabled();
    await welcome(app).getByLabel('Your name').fill('Mina Rahimi');
    await continueButton.click();
    await expect(welcome(app)).toBeHidden();
    await expect(app.getByText('Annotating as Mina Rahimi')).toBeVisible();

    await openArticle(app, SAMPLE_TITLE);
    await selectText(app, { text: 'Akira Endo' });
    await labelButton(app, 'Actor').click();
    await expect(selectedSpanCard(app)).toContainText('by Mina Rahimi');
    await expectSaved(app);
    const id = (await workbench.api('listArticles', {}))[0].id;
    expect((await getArticle(workbench, id)).spans.map((s) => s.annotator)).toEqual(['Mina Rahimi']);

    await app.reload();
    await expectLibrary(app);
    await expect(welcome(app)).toHaveCount(0);
    const page = await workbench.reopen();
    await expect(page.getByText('Annotating as Mina Rahimi')).toBeVisible();
    await expect(welcome(page)).toHaveCount(0);
  });

  test('asks for the name once (keyboard): type it and press Enter', async ({ app, workbench }) => {
    await expect(welcome(app).getByLabel('Your name')).toBeFocused();
    await app.keyboard.type('Kenji Sato');
    await app.keyboard.press('Enter');
    await expect(welcome(app)).toBeHidden();
    expect((await workbench.api('getWorkspace', {})).settings.annotator).toBe('Kenji Sato');
    await app.reload();
    await expectLibrary(app);
    await expect(welcome(app)).toHaveCount(0);
  });
});

test('the name can be changed in Settings; later spans carry the new name', async ({ app, workbench }, testInfo) => {
  await expect(app.getByText('Annotating as Test Annotator')).toBeVisible();
  await openArticle(app, SAMPLE_TITLE);
  await selectText(app, { text: 'Akira Endo' });
  await app.keyboard.press('1');
  await expect(selectedSpanCard(app)).toContainText('by Test Annotator');

  await app.getByRole('button', { name: 'Settings' }).click();
  const settings = app.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByLabel('Annotator name')).toHaveValue('Test Annotator');
  await saveScreen(app, testInfo, 'dialog-settings');
  await settings.getByLabel('Annotator name').fill('Second Person');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
  await expect(app.getByText('Annotating as Second Person')).toBeVisible();

  await selectText(app, { text: 'Ali-Asghar Khaji' });
  await app.keyboard.press('1');
  await expect(selectedSpanCard(app)).toContainText('by Second Person');
  await expectSaved(app);
  const id = (await workbench.api('listArticles', {}))[0].id;
  const article = await getArticle(workbench, id);
  const byText = Object.fromEntries(article.spans.map((s) => [article.text.slice(s.start, s.end), s.annotator]));
  expect(byText).toEqual({ 'Akira Endo': 'Test Annotator', 'Ali-Asghar Khaji': 'Second Person' });

  // Keyboard: the settings dialog opens from its button and saves with Enter.
  await app.getByRole('button', { name: 'Settings' }).focus();
  await app.keyboard.press('Enter');
  await expect(settings.getByLabel('Annotator name')).toBeFocused();
  await app.keyboard.press('ControlOrMeta+a');
  await app.keyboard.type('Third Person');
  await app.keyboard.press('Enter');
  await expect(settings).toBeHidden();
  expect((await workbench.api('getWorkspace', {})).settings.annotator).toBe('Third Person');
});
