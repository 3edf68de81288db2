/**
 * Statements in the annotating view: linking an actor span, a claim span and a polarity (and
 * the Stance span between them) by keyboard only and by mouse only; the links drawn over the
 * text; the Statements tab (change polarity and stance, delete, undo/redo); deleting a span that
 * statements use (asks first, one undo brings all back); and statements surviving a reopen.
 *
 * The spans are seeded through the API on the sample article (the span-making flow has its own
 * specs); every statement is made through the UI and checked in the stored article.
 */
import type { Page } from '@playwright/test';
import type { Span, Statement } from '../shared/domain/model';
import { locate } from '../shared/network/fixtures/sampleArticleCoding';
import { test, expect, saveScreen, type Workbench } from './fixtures';
import { articleText, expectSaved, getArticle, highlightsWithText, openArticle, SAMPLE_TITLE, selectedSpanCard, selectText, tabTo } from './helpers';

const AT = '2026-01-01T00:00:00.000Z';

/** Spans of the sample article, each found by a context that occurs once (and the phrase in it). */
const SPANS: { id: string; labelId: string; context: string; phrase?: string }[] = [
  { id: 'khaji', labelId: 'actor', context: 'Khaji underscored', phrase: 'Khaji' },
  { id: 'underscored', labelId: 'stance', context: 'Khaji underscored', phrase: 'underscored' },
  { id: 'settlement', labelId: 'claim', context: 'the political settlement of the Syrian crisis' },
  { id: 'voicing', labelId: 'stance', context: 'voicing Iran’s support' },
  { id: 'talks', labelId: 'claim', context: 'the intra-Syrian talks' },
  { id: 'endo', labelId: 'actor', context: 'For his part, Akira Endo', phrase: 'Akira Endo' },
  { id: 'highlighted', labelId: 'stance', context: 'Endo highlighted', phrase: 'highlighted' },
  { id: 'role', labelId: 'claim', context: 'Iran’s prominent role in the resolution of the crisis in Syria' },
  { id: 'praised', labelId: 'stance', context: 'praised' },
  { id: 'efforts', labelId: 'claim', context: 'the efforts by the Astana Process guarantor states' },
];

/** Seed the spans on the sample article; returns its id. */
async function seedSpans(workbench: Workbench, statements: Statement[] = []): Promise<string> {
  const [sample] = await workbench.api('listArticles', {});
  const { text } = await workbench.api('getArticle', { id: sample.id });
  const spans: Span[] = SPANS.map(({ id, labelId, context, phrase }) => ({
    id,
    labelId,
    ...locate(text, context, phrase),
    annotator: 'e2e',
    createdAt: AT,
    updatedAt: AT,
  }));
  await workbench.api('editArticle', {
    articleId: sample.id,
    edits: [...spans.map((span) => ({ type: 'addSpan' as const, span })), ...statements.map((statement) => ({ type: 'addStatement' as const, statement }))],
  });
  return sample.id;
}

const statement = (id: string, actorSpanId: string, claimSpanId: string, polarity: Statement['polarity'], stanceSpanId?: string): Statement => ({
  id,
  actorSpanId,
  claimSpanId,
  polarity,
  ...(stanceSpanId ? { stanceSpanId } : {}),
  annotator: 'e2e',
  createdAt: AT,
  updatedAt: AT,
});

/** Seed the spans and three statements (Khaji on the settlement and, with `talks`, on the talks; Endo on Iran's role), open the article. */
async function openSeeded(workbench: Workbench, app: Page, talks: Statement['polarity']): Promise<string> {
  const articleId = await seedSpans(workbench, [
    statement('st-1', 'khaji', 'settlement', 'support', 'underscored'),
    statement('st-2', 'khaji', 'talks', talks, 'voicing'),
    statement('st-3', 'endo', 'role', 'support', 'highlighted'),
  ]);
  await app.reload();
  await openArticle(app, SAMPLE_TITLE);
  return articleId;
}

/** Stored statements as "actor polarity claim [stance]" in stored order, for comparisons. */
async function storedStatements(workbench: Workbench, articleId: string): Promise<string[]> {
  const article = await getArticle(workbench, articleId);
  return article.statements.map((st) => `${st.actorSpanId} ${st.polarity} ${st.claimSpanId}${st.stanceSpanId ? ` [${st.stanceSpanId}]` : ''}`);
}

const newStatementBar = (page: Page) => page.getByRole('region', { name: 'New statement' });
const statementsTab = (page: Page) => page.getByRole('tab', { name: /^Statements/ });
const statementList = (page: Page) => page.getByRole('region', { name: 'Statements' }).getByRole('list', { name: 'Statements of this article' });
const statementItem = (page: Page, name: string) => statementList(page).getByRole('listitem').filter({ has: page.getByRole('button', { name, exact: true }) });
/** The links drawn over the text for the selected span (the overlay is decorative: aria-hidden SVG). */
const drawnLinks = (page: Page) => page.locator('svg.statement-overlay [data-statement-id]');
/** The status line under the text where the app tells what happened. */
const notice = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

test('keyboard only: N to the actor, L, N to the claim, Enter, S; a second statement from the same actor with a stance picked by hand; undo and redo', async ({
  app,
  workbench,
}, testInfo) => {
  const articleId = await seedSpans(workbench);
  await app.reload();
  await tabTo(app, app.getByRole('table', { name: 'Articles' }).getByRole('button', { name: SAMPLE_TITLE }));
  await app.keyboard.press('Enter');
  await expect(articleText(app)).toBeFocused();

  // Spans in reading order: Khaji, underscored, settlement, voicing, talks, …
  await app.keyboard.press('n');
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('Khaji');
  await app.keyboard.press('l');
  const bar = newStatementBar(app);
  await expect(bar).toBeVisible();
  await expect(bar).toContainText('“Khaji”');
  await expect(bar.getByRole('group', { name: 'Polarity' }).getByRole('button', { name: /Support/ })).toBeDisabled();
  await app.keyboard.press('n');
  await app.keyboard.press('n');
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('the political settlement of the Syrian crisis');
  await app.keyboard.press('Enter');
  // The one Stance span between actor and claim is filled in by itself.
  await expect(bar).toContainText('“the political settlement of the Syrian crisis”');
  await expect(bar).toContainText('“underscored”');
  await expect(bar).toContainText('The stance between them was filled in.');
  await saveScreen(app, testInfo, 'statement-linking-bar');
  await app.keyboard.press('s');
  await expect(bar).toBeHidden();
  await expect(notice(app, 'Statement added: “Khaji” supports “the political settlement of the Syrian crisis”.')).toBeVisible();
  // The actor stays selected and its statement is drawn over the text.
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('Khaji');
  await expect(drawnLinks(app)).toHaveCount(1);
  await expect(statementsTab(app)).toHaveText('Statements 1');

  // Second statement from the same actor: two Stance spans lie between Khaji and the talks, so
  // none is filled in; the annotator moves back to "voicing" and picks it with Enter.
  await app.keyboard.press('l');
  for (let i = 0; i < 4; i++) await app.keyboard.press('n');
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('the intra-Syrian talks');
  await app.keyboard.press('Enter');
  await expect(bar).toContainText('“the intra-Syrian talks”');
  await expect(bar.getByText('optional')).toBeVisible();
  await app.keyboard.press('p');
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('voicing Iran’s support');
  await app.keyboard.press('Enter');
  await expect(bar).toContainText('“voicing Iran’s support”');
  await app.keyboard.press('o');
  await expect(bar).toBeHidden();
  await expect(statementsTab(app)).toHaveText('Statements 2');
  await expectSaved(app);
  expect(await storedStatements(workbench, articleId)).toEqual(['khaji support settlement [underscored]', 'khaji oppose talks [voicing]']);
  // Khaji is selected: both of its statements are drawn.
  await expect(drawnLinks(app)).toHaveCount(2);
  await saveScreen(app, testInfo, 'statement-links-drawn');

  // Esc cancels a statement being linked; nothing is stored.
  await app.keyboard.press('l');
  await expect(bar).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  await expect(notice(app, 'Linking cancelled.')).toBeVisible();

  // Undo takes the last statement away, redo brings it back.
  await app.keyboard.press('Control+z');
  await expect(statementsTab(app)).toHaveText('Statements 1');
  await expectSaved(app);
  expect(await storedStatements(workbench, articleId)).toEqual(['khaji support settlement [underscored]']);
  await app.keyboard.press('Control+Shift+z');
  await expect(statementsTab(app)).toHaveText('Statements 2');
  await expectSaved(app);
  expect(await storedStatements(workbench, articleId)).toEqual(['khaji support settlement [underscored]', 'khaji oppose talks [voicing]']);

  // The same statement twice is not stored twice.
  await app.keyboard.press('l');
  await app.keyboard.press('n');
  await app.keyboard.press('n');
  await app.keyboard.press('Enter');
  await app.keyboard.press('s');
  await expect(notice(app, 'That statement exists already.')).toBeVisible();
  await expectSaved(app);
  expect(await storedStatements(workbench, articleId)).toHaveLength(2);

  // The statements survive closing and reopening the app.
  const page = await workbench.reopen();
  await openArticle(page, SAMPLE_TITLE);
  await statementsTab(page).click();
  await expect(statementList(page).getByRole('listitem')).toHaveCount(2);
  await expect(statementItem(page, '“Khaji” supports “the political settlement of the Syrian crisis”')).toContainText('stance: “underscored”');
  await expect(statementItem(page, '“Khaji” opposes “the intra-Syrian talks”')).toContainText('stance: “voicing Iran’s support”');
});

test('mouse only: click the actor, Link statement, click the claim, click Support; links drawn for the selected span', async ({ app, workbench }, testInfo) => {
  const articleId = await seedSpans(workbench);
  await app.reload();
  await openArticle(app, SAMPLE_TITLE);

  await highlightsWithText(app, 'Akira Endo').click();
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('Akira Endo');
  await selectedSpanCard(app).getByRole('button', { name: /^Link statement/ }).click();
  const bar = newStatementBar(app);
  await expect(bar).toContainText('“Akira Endo”');
  await expect(selectedSpanCard(app).getByRole('button', { name: /^In the new statement/ })).toBeDisabled();
  await highlightsWithText(app, 'prominent role').click();
  await expect(bar).toContainText('“Iran’s prominent role in the resolution of the crisis in Syria”');
  await expect(bar).toContainText('“highlighted”');
  await bar.getByRole('group', { name: 'Polarity' }).getByRole('button', { name: /Support/ }).click();
  await expect(bar).toBeHidden();

  // A second statement: Endo praised the efforts. Two Stance spans lie between them, so none
  // is filled in: a click on "praised" sets it, "No stance" takes it out, a click sets it again.
  await selectedSpanCard(app).getByRole('button', { name: /^Link statement/ }).click();
  await highlightsWithText(app, 'guarantor states').last().click();
  await expect(bar).toContainText('“the efforts by the Astana Process guarantor states”');
  await expect(bar.getByText('optional')).toBeVisible();
  await highlightsWithText(app, 'praised').click();
  await expect(bar).toContainText('“praised”');
  await bar.getByRole('button', { name: 'No stance' }).click();
  await expect(bar.getByText('optional')).toBeVisible();
  await highlightsWithText(app, 'praised').click();
  await expect(bar).toContainText('“praised”');
  await bar.getByRole('group', { name: 'Polarity' }).getByRole('button', { name: /Neutral/ }).click();
  await expectSaved(app);
  expect(await storedStatements(workbench, articleId)).toEqual(['endo support role [highlighted]', 'endo neutral efforts [praised]']);

  // Selecting the actor draws both links; selecting a claim draws only its own; Escape (deselect) none.
  await expect(drawnLinks(app)).toHaveCount(2);
  await expect(app.locator('svg.statement-overlay [data-statement-id] path[stroke]')).toHaveCount(2);
  await expect(selectedSpanCard(app)).toContainText('In 2 statements');
  await highlightsWithText(app, 'prominent role').click();
  await expect(drawnLinks(app)).toHaveCount(1);
  await saveScreen(app, testInfo, 'statement-link-mouse');
  await highlightsWithText(app, 'Endo').filter({ hasText: 'Akira Endo' }).click();
  await expect(drawnLinks(app)).toHaveCount(2);
  // A claim span made just now (while the Spans tab is shown) is named in the Statements tab.
  await selectText(app, { text: 'the Astana peace process' });
  await app.keyboard.press('3');
  await highlightsWithText(app, 'Akira Endo').click();
  await selectedSpanCard(app).getByRole('button', { name: /^Link statement/ }).click();
  await highlightsWithText(app, 'the Astana peace process').click();
  await bar.getByRole('group', { name: 'Polarity' }).getByRole('button', { name: /Oppose/ }).click();
  await statementsTab(app).click();
  await expect(statementItem(app, '“Akira Endo” opposes “the Astana peace process”')).toBeVisible();
  await app.getByRole('tab', { name: /^Spans/ }).click();
  await highlightsWithText(app, 'Akira Endo').click();
  await expect(drawnLinks(app)).toHaveCount(3);
  // The links follow the text when the window narrows (lines re-wrap).
  const before = await drawnLinks(app).first().locator('path').last().getAttribute('d');
  await app.setViewportSize({ width: 900, height: 800 });
  await expect.poll(() => drawnLinks(app).first().locator('path').last().getAttribute('d')).not.toBe(before);
});

test('Statements tab: change polarity and stance, delete, undo; activating a statement selects its actor', async ({ app, workbench }, testInfo) => {
  const articleId = await openSeeded(workbench, app, 'support');
  await expect(statementsTab(app)).toHaveText('Statements 3');
  await statementsTab(app).click();
  await expect(statementsTab(app)).toHaveAttribute('aria-selected', 'true');
  await expect(statementList(app).getByRole('listitem')).toHaveCount(3);
  await expect(app.getByRole('region', { name: 'Statements' })).toContainText('3 support');

  const talks = statementItem(app, '“Khaji” supports “the intra-Syrian talks”');
  await talks.getByRole('combobox', { name: 'Polarity' }).selectOption('Oppose');
  await expect(statementItem(app, '“Khaji” opposes “the intra-Syrian talks”')).toBeVisible();
  await expect(app.getByRole('region', { name: 'Statements' })).toContainText('1 oppose');
  const opposed = statementItem(app, '“Khaji” opposes “the intra-Syrian talks”');
  await opposed.getByRole('combobox', { name: 'Stance' }).selectOption('No stance');
  await expect(opposed).not.toContainText('stance:');
  await expectSaved(app);
  expect(await storedStatements(workbench, articleId)).toEqual(['khaji support settlement [underscored]', 'khaji oppose talks', 'endo support role [highlighted]']);

  // Activating a statement selects its actor and draws its links.
  await statementItem(app, '“Akira Endo” supports “Iran’s prominent role in the resolution of the crisis in Syria”').getByRole('button', { name: /Akira Endo/ }).click();
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('Akira Endo');
  await expect(drawnLinks(app)).toHaveCount(1);
  await saveScreen(app, testInfo, 'statements-panel');

  // Delete, then Undo and Redo from the toolbar.
  await statementItem(app, '“Akira Endo” supports “Iran’s prominent role in the resolution of the crisis in Syria”').getByRole('button', { name: 'Delete statement' }).click();
  await expect(statementList(app).getByRole('listitem')).toHaveCount(2);
  await expect(statementsTab(app)).toHaveText('Statements 2');
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(statementList(app).getByRole('listitem')).toHaveCount(3);
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(statementItem(app, '“Khaji” opposes “the intra-Syrian talks”')).toContainText('stance: “voicing Iran’s support”');
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(statementItem(app, '“Khaji” supports “the intra-Syrian talks”')).toBeVisible();
  await app.getByRole('button', { name: 'Redo' }).click();
  await expect(statementItem(app, '“Khaji” opposes “the intra-Syrian talks”')).toBeVisible();
  await expectSaved(app);
  expect(await storedStatements(workbench, articleId)).toEqual([
    'khaji support settlement [underscored]',
    'khaji oppose talks [voicing]',
    'endo support role [highlighted]',
  ]);

  // The arrow keys move between the two tabs.
  await statementsTab(app).focus();
  await app.keyboard.press('ArrowLeft');
  await expect(app.getByRole('tab', { name: /^Spans/ })).toBeFocused();
  await expect(app.getByRole('tab', { name: /^Spans/ })).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByRole('region', { name: 'Spans' })).toBeVisible();
});

test('deleting a span that statements use asks first: cancel keeps all, confirm removes span and statements, one undo restores them', async ({
  app,
  workbench,
}, testInfo) => {
  const articleId = await openSeeded(workbench, app, 'oppose');

  // The actor of two statements.
  await highlightsWithText(app, /^Khaji$/).click();
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('Khaji');
  await articleText(app).focus();
  await app.keyboard.press('Delete');
  const dialog = app.getByRole('dialog', { name: 'Delete span used by statements?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('2 statements will be deleted with it');
  await saveScreen(app, testInfo, 'dialog-delete-span-with-statements');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expectSaved(app);
  expect(await storedStatements(workbench, articleId)).toHaveLength(3);
  expect((await getArticle(workbench, articleId)).spans.map((s) => s.id)).toContain('khaji');

  await app.keyboard.press('Delete');
  await dialog.getByRole('button', { name: 'Delete span and 2 statements' }).click();
  await expect(dialog).toBeHidden();
  await expect(statementsTab(app)).toHaveText('Statements 1');
  await expectSaved(app);
  expect(await storedStatements(workbench, articleId)).toEqual(['endo support role [highlighted]']);
  expect((await getArticle(workbench, articleId)).spans.map((s) => s.id)).not.toContain('khaji');

  // A stance span: its statement stays, without the stance.
  await highlightsWithText(app, 'highlighted').click();
  await articleText(app).focus();
  await app.keyboard.press('Delete');
  await expect(dialog).toContainText('1 statement will keep going without a stance span');
  await dialog.getByRole('button', { name: 'Delete span', exact: true }).click();
  await expectSaved(app);
  expect(await storedStatements(workbench, articleId)).toEqual(['endo support role']);

  // One undo per deletion brings back each span with its statements.
  await app.keyboard.press('Control+z');
  await expectSaved(app);
  expect(await storedStatements(workbench, articleId)).toEqual(['endo support role [highlighted]']);
  await app.keyboard.press('Control+z');
  await expect(statementsTab(app)).toHaveText('Statements 3');
  await expectSaved(app);
  expect((await storedStatements(workbench, articleId)).sort()).toEqual(
    ['endo support role [highlighted]', 'khaji oppose talks [voicing]', 'khaji support settlement [underscored]'].sort(),
  );

  // A span no statement uses is deleted without asking.
  await highlightsWithText(app, 'guarantor states').last().click();
  await articleText(app).focus();
  await app.keyboard.press('Delete');
  await expect(dialog).toBeHidden();
  await expectSaved(app);
  expect((await getArticle(workbench, articleId)).spans.map((s) => s.id)).not.toContain('efforts');
});

test('on a long article, a link to a claim many screens away is drawn (its paragraph wakes up to draw the highlight)', async ({ app, workbench }) => {
  const filler = (i: number) => `Paragraph ${i} repeats what the delegations said about the talks, word for word, with nothing new to code in it at all.`;
  const paragraphs = Array.from({ length: 400 }, (_, i) => filler(i));
  paragraphs[0] = 'The foreign minister spoke first.';
  paragraphs[300] = 'Much later the report returns to the ceasefire in the north, which the minister had defended.';
  const text = paragraphs.join('\n\n');
  const id = await workbench.api('createArticle', { title: 'Long report', text }).then((a) => a.id);
  const span = (sid: string, labelId: string, phrase: string): Span => {
    const start = text.indexOf(phrase);
    return { id: sid, labelId, start, end: start + phrase.length, annotator: 'e2e', createdAt: AT, updatedAt: AT };
  };
  await workbench.api('editArticle', {
    articleId: id,
    edits: [
      { type: 'addSpan', span: span('minister', 'actor', 'The foreign minister') },
      { type: 'addSpan', span: span('ceasefire', 'claim', 'the ceasefire in the north') },
      { type: 'addStatement', statement: statement('far', 'minister', 'ceasefire', 'support') },
    ],
  });
  await app.reload();
  await openArticle(app, 'Long report');
  // The claim's paragraph is far below: no highlight there yet.
  await expect(highlightsWithText(app, 'the ceasefire in the north')).toHaveCount(0);
  await highlightsWithText(app, 'The foreign minister').click();
  await expect(selectedSpanCard(app)).toContainText('In 1 statement');
  await expect(highlightsWithText(app, 'the ceasefire in the north')).toHaveCount(1);
  await expect(drawnLinks(app)).toHaveCount(1);
});
