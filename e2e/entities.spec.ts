/**
 * Normalisation of mentions: actor spans linked to actor entities and claim spans to concepts
 * through the Entity/Concept combobox of the "Selected span" card (create, suggestion without
 * typing, keyboard choice, undo), and the Entities screen (filter, rename, actor type, merge),
 * checked against what the service stored and again after reopening the workspace.
 */
import type { Page } from '@playwright/test';
import type { Edit } from '../shared/domain/edits';
import type { Article, Span } from '../shared/domain/model';
import { test, expect, saveScreen, type Workbench } from './fixtures';
import { articleText, expectLibrary, expectSaved, getArticle, openArticle, SAMPLE_TITLE, selectedSpanCard, selectText, spanEntry, tabTo, type TextTarget } from './helpers';

const AT = '2026-01-01T00:00:00.000Z';

const entityBox = (page: Page) => selectedSpanCard(page).getByRole('combobox', { name: 'Entity' });
const conceptBox = (page: Page) => selectedSpanCard(page).getByRole('combobox', { name: 'Concept' });
const choices = (page: Page, title: 'Entity' | 'Concept') => selectedSpanCard(page).getByRole('listbox', { name: `${title} choices` });

/** The stored span whose text is `text` (the `occurrence`-th such span in reading order). */
function spanWithText(article: Article, text: string, occurrence = 0): Span {
  const found = article.spans.filter((s) => article.text.slice(s.start, s.end) === text);
  expect(found.length, `a stored span "${text}"`).toBeGreaterThan(occurrence);
  return found[occurrence];
}

async function sampleId(workbench: Workbench): Promise<string> {
  return (await workbench.api('listArticles', {}))[0].id;
}

/** Select `target` in the text and press the label key; wait for its card. */
async function markSpan(page: Page, target: TextTarget, key: '1' | '3', shown: string): Promise<void> {
  await selectText(page, target);
  await page.keyboard.press(key);
  await expect(selectedSpanCard(page).getByRole('blockquote')).toHaveText(shown);
}

/** Seed spans through the API (`[id, label, where, entityId?]`) and statements between them. */
async function seedSpans(
  workbench: Workbench,
  id: string,
  spans: [string, 'actor' | 'claim', TextTarget, string?][],
  statements: [string, string, string][] = [],
): Promise<void> {
  const { text } = await getArticle(workbench, id);
  const edits: Edit[] = spans.map(([spanId, labelId, t, entityId]) => {
    let at = -1;
    for (let k = 0; k <= (t.occurrence ?? 0); k++) at = text.indexOf(t.inside ?? t.text, at + 1);
    expect(at, `"${t.inside ?? t.text}" in the sample`).toBeGreaterThanOrEqual(0);
    const start = at + (t.inside ? t.inside.indexOf(t.text) : 0);
    return { type: 'addSpan', span: { id: spanId, labelId, start, end: start + t.text.length, annotator: 'e2e', createdAt: AT, updatedAt: AT, ...(entityId ? { entityId } : {}) } };
  });
  for (const [stId, actorSpanId, claimSpanId] of statements)
    edits.push({ type: 'addStatement', statement: { id: stId, actorSpanId, claimSpanId, polarity: 'support', annotator: 'e2e', createdAt: AT, updatedAt: AT } });
  await workbench.api('editArticle', { articleId: id, edits });
}

test('an actor mention gets a new entity; a later mention is offered it, picked by keyboard, and undo unlinks', async ({ app, workbench }, testInfo) => {
  const id = await sampleId(workbench);
  await openArticle(app, SAMPLE_TITLE);

  // The full name: create the entity from the combobox, as a person.
  await markSpan(app, { text: 'Ali-Asghar Khaji' }, '1', 'Ali-Asghar Khaji');
  await entityBox(app).click();
  await entityBox(app).fill('Ali-Asghar Khaji');
  await expect(choices(app, 'Entity').getByRole('option')).toHaveText(['Create actor “Ali-Asghar Khaji” · Person']);
  await expect(selectedSpanCard(app).getByRole('combobox', { name: 'Actor type' })).toHaveValue('person');
  await saveScreen(app, testInfo, 'entity-combobox-create');
  await app.keyboard.press('Enter');
  await expect(selectedSpanCard(app).getByRole('button', { name: 'Unlink entity Ali-Asghar Khaji' })).toBeVisible();
  await expect(articleText(app)).toBeFocused();

  // "Khaji underscored…": the entity is suggested before anything is typed.
  await markSpan(app, { text: 'Khaji', inside: 'Khaji underscored' }, '1', 'Khaji');
  await expect(selectedSpanCard(app).getByRole('button', { name: 'Link to Ali-Asghar Khaji' })).toBeVisible();
  await entityBox(app).focus();
  await expect(entityBox(app)).toHaveAttribute('aria-expanded', 'true');
  const option = choices(app, 'Entity').getByRole('option');
  await expect(option).toHaveCount(1);
  await expect(option.first()).toContainText('Ali-Asghar Khaji');
  await app.keyboard.press('ArrowDown');
  await expect(option.first()).toHaveAttribute('aria-selected', 'true');
  await expect(entityBox(app)).toHaveAttribute('aria-activedescendant', (await option.first().getAttribute('id'))!);
  await saveScreen(app, testInfo, 'entity-combobox-suggestion');
  await app.keyboard.press('Enter');
  await expect(selectedSpanCard(app).getByRole('button', { name: 'Unlink entity Ali-Asghar Khaji' })).toBeVisible();

  await expectSaved(app);
  const entities = await workbench.api('listEntities', {});
  expect(entities.map((e) => [e.kind, e.name, e.actorType])).toEqual([['actor', 'Ali-Asghar Khaji', 'person']]);
  let article = await getArticle(workbench, id);
  expect(spanWithText(article, 'Ali-Asghar Khaji').entityId).toBe(entities[0].id);
  expect(spanWithText(article, 'Khaji').entityId).toBe(entities[0].id);

  // Undo takes the second link back (the entity stays, and so does the first link).
  await expect(articleText(app)).toBeFocused();
  await app.keyboard.press('Control+z');
  await expect(selectedSpanCard(app).getByRole('button', { name: /^Unlink entity/ })).toHaveCount(0);
  await expect(selectedSpanCard(app).getByRole('button', { name: 'Link to Ali-Asghar Khaji' })).toBeVisible();
  await expectSaved(app);
  article = await getArticle(workbench, id);
  expect(spanWithText(article, 'Khaji').entityId).toBeUndefined();
  expect(spanWithText(article, 'Ali-Asghar Khaji').entityId).toBe(entities[0].id);
  expect(await workbench.api('listEntities', {})).toHaveLength(1);
});

test('a claim span is linked to a new concept with a short name', async ({ app, workbench }, testInfo) => {
  const id = await sampleId(workbench);
  await openArticle(app, SAMPLE_TITLE);
  const claim = 'the political settlement of the Syrian crisis';
  await markSpan(app, { text: claim }, '3', claim);
  await expect(selectedSpanCard(app).getByRole('combobox', { name: 'Entity' })).toHaveCount(0);
  await conceptBox(app).click();
  await conceptBox(app).fill('Political settlement in Syria');
  await expect(choices(app, 'Concept').getByRole('option')).toHaveText(['Create concept “Political settlement in Syria”']);
  // Concepts have no actor type.
  await expect(selectedSpanCard(app).getByRole('combobox', { name: 'Actor type' })).toHaveCount(0);
  await choices(app, 'Concept').getByRole('option').click();
  await expect(selectedSpanCard(app).getByRole('button', { name: 'Unlink concept Political settlement in Syria' })).toBeVisible();
  await saveScreen(app, testInfo, 'concept-linked');

  await expectSaved(app);
  const entities = await workbench.api('listEntities', {});
  expect(entities).toHaveLength(1);
  expect(entities[0]).toMatchObject({ kind: 'concept', name: 'Political settlement in Syria', aliases: [] });
  expect(entities[0].actorType).toBeUndefined();
  expect(spanWithText(await getArticle(workbench, id), claim).entityId).toBe(entities[0].id);

  // Relabelled as an Actor, the span drops its concept (an actor cannot be a concept); undo brings both back.
  await conceptBox(app).press('Escape');
  await expect(articleText(app)).toBeFocused();
  await app.keyboard.press('1');
  await expect(entityBox(app)).toBeVisible();
  await expect(selectedSpanCard(app).getByRole('button', { name: /^Unlink/ })).toHaveCount(0);
  await expectSaved(app);
  const relabelled = spanWithText(await getArticle(workbench, id), claim);
  expect([relabelled.labelId, relabelled.entityId]).toEqual(['actor', undefined]);
  await app.keyboard.press('Control+z');
  await expect(selectedSpanCard(app).getByRole('button', { name: 'Unlink concept Political settlement in Syria' })).toBeVisible();
  await expectSaved(app);
  expect(spanWithText(await getArticle(workbench, id), claim)).toMatchObject({ labelId: 'claim', entityId: entities[0].id });

  // A second claim with the same words is offered the concept; the actor list never is.
  await markSpan(app, { text: 'political process' }, '3', 'political process');
  await conceptBox(app).focus();
  await expect(choices(app, 'Concept').getByRole('option')).toHaveCount(1);
  await expect(choices(app, 'Concept').getByRole('option')).toContainText('Political settlement in Syria');
});

/**
 * Three actors and a concept; "Ali-Asghar Khaji" (1 statement) and "Khaji" (2 statements, alias
 * "the Iranian diplomat") are the same person, entered twice.
 */
async function seedKhajiTwice(workbench: Workbench): Promise<string> {
  const id = await sampleId(workbench);
  const entity = (eid: string, name: string, aliases: string[] = []) => ({ id: eid, kind: 'actor' as const, name, actorType: 'person' as const, aliases, attributes: {} });
  await workbench.api('saveEntity', { entity: entity('e-full', 'Ali-Asghar Khaji') });
  await workbench.api('saveEntity', { entity: entity('e-short', 'Khaji', ['the Iranian diplomat']) });
  await workbench.api('saveEntity', { entity: entity('e-endo', 'Akira Endo') });
  await workbench.api('saveEntity', { entity: { id: 'c-aid', kind: 'concept', name: 'Humanitarian aid to Syria', aliases: [], attributes: {} } });
  await seedSpans(
    workbench,
    id,
    [
      ['s-full', 'actor', { text: 'Ali-Asghar Khaji' }, 'e-full'],
      ['s-short', 'actor', { text: 'Khaji', inside: 'Khaji underscored' }, 'e-short'],
      ['s-short-2', 'actor', { text: 'Khaji', inside: 'Khaji underlined' }, 'e-short'],
      ['s-endo', 'actor', { text: 'Akira Endo' }, 'e-endo'],
      ['s-aid', 'claim', { text: 'humanitarian aid to Syria' }, 'c-aid'],
    ],
    [
      ['st-1', 's-full', 's-aid'],
      ['st-2', 's-short', 's-aid'],
      ['st-3', 's-short-2', 's-aid'],
    ],
  );
  await workbench.page.reload();
  await expectLibrary(workbench.page);
  return id;
}

const entitiesTable = (page: Page) => page.getByRole('table', { name: 'Entities' });
const nameBoxes = (page: Page) => entitiesTable(page).getByRole('textbox', { name: /^Name of / });
/** The Statements cell of the row named `name`. */
const statementsOf = (page: Page, name: string) =>
  entitiesTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('textbox', { name: `Name of ${name}`, exact: true }) })
    .getByRole('cell')
    .last();

async function openEntities(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Entities', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Entities and concepts' })).toBeVisible();
}

test('the Entities screen: filter, rename, actor type and aliases, kept after reopening', async ({ app, workbench }) => {
  await seedKhajiTwice(workbench);
  await openEntities(app);
  const table = entitiesTable(app);
  await expect(nameBoxes(app)).toHaveCount(4);
  await expect(nameBoxes(app).nth(0)).toHaveValue('Akira Endo');
  await expect(statementsOf(app, 'Ali-Asghar Khaji')).toHaveText('1');
  await expect(statementsOf(app, 'Khaji')).toHaveText('2');
  await expect(statementsOf(app, 'Humanitarian aid to Syria')).toHaveText('3');

  // Filter by name and by alias; by kind.
  const filter = app.getByRole('searchbox', { name: 'Filter entities' });
  await filter.fill('khaji');
  await expect(nameBoxes(app)).toHaveCount(2);
  await filter.fill('iranian diplomat');
  await expect(nameBoxes(app)).toHaveCount(1);
  await expect(nameBoxes(app)).toHaveValue('Khaji');
  await filter.fill('nobody');
  await expect(table.getByRole('cell')).toHaveText(['Nothing matches “nobody”.']);
  await filter.fill('');
  const show = app.getByRole('radiogroup', { name: 'Show' });
  await show.getByRole('radio', { name: 'Concepts' }).check();
  await expect(nameBoxes(app)).toHaveCount(1);
  await expect(nameBoxes(app)).toHaveValue('Humanitarian aid to Syria');
  await show.getByRole('radio', { name: 'All' }).check();
  await expect(nameBoxes(app)).toHaveCount(4);

  // Rename (Enter commits), set an actor type, add aliases (Tab away commits).
  const endoName = table.getByRole('textbox', { name: 'Name of Akira Endo' });
  await endoName.fill('Akira Endō');
  await endoName.press('Enter');
  await expect(table.getByRole('textbox', { name: 'Name of Akira Endō' })).toHaveValue('Akira Endō');
  await table.getByRole('combobox', { name: 'Actor type of Akira Endō' }).selectOption('State');
  const aliases = table.getByRole('textbox', { name: 'Aliases of Akira Endō' });
  await aliases.fill(' Endo ;Japan’s Special Coordinator; Endo');
  await aliases.press('Tab');
  await expect(aliases).toHaveValue('Endo; Japan’s Special Coordinator');
  const endo = async () => (await workbench.api('listEntities', {})).find((e) => e.id === 'e-endo');
  await expect.poll(endo).toEqual({ id: 'e-endo', kind: 'actor', name: 'Akira Endō', actorType: 'state', aliases: ['Endo', 'Japan’s Special Coordinator'], attributes: {} });

  await workbench.reopen();
  await expectLibrary(app);
  expect(await endo()).toMatchObject({ name: 'Akira Endō', actorType: 'state', aliases: ['Endo', 'Japan’s Special Coordinator'] });
  await openEntities(app);
  await expect(nameBoxes(app)).toHaveCount(4);
  await expect(table.getByRole('combobox', { name: 'Actor type of Akira Endō' })).toHaveValue('state');
  await expect(table.getByRole('textbox', { name: 'Aliases of Akira Endō' })).toHaveValue('Endo; Japan’s Special Coordinator');
});

test('the Entities screen: merging relinks the mentions, also of the open article, kept after reopening', async ({ app, workbench }, testInfo) => {
  const id = await seedKhajiTwice(workbench);
  // The article is open on the later "Khaji" while the entities are merged.
  await openArticle(app, SAMPLE_TITLE);
  await spanEntry(app, 'Actor', 'Khaji').last().click();
  await expect(selectedSpanCard(app).getByRole('button', { name: 'Unlink entity Khaji' })).toBeVisible();
  await openEntities(app);
  const table = entitiesTable(app);
  await expect(statementsOf(app, 'Ali-Asghar Khaji')).toHaveText('1');

  await table.getByRole('checkbox', { name: 'Check Khaji' }).check();
  await table.getByRole('checkbox', { name: 'Check Ali-Asghar Khaji' }).check();
  await app.getByRole('button', { name: 'Merge into…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Merge into…' });
  // The first one checked is offered as the one to keep; the annotator picks the full name.
  await expect(dialog.getByRole('radio', { name: /^Khaji/ })).toBeChecked();
  await dialog.getByRole('radio', { name: /^Ali-Asghar Khaji/ }).check();
  await saveScreen(app, testInfo, 'entities-merge-dialog');
  await dialog.getByRole('button', { name: 'Merge into “Ali-Asghar Khaji”' }).click();
  await expect(dialog).toBeHidden();
  await expect(nameBoxes(app)).toHaveCount(3);
  await expect(table.getByRole('textbox', { name: 'Aliases of Ali-Asghar Khaji' })).toHaveValue('Khaji; the Iranian diplomat');
  // The kept entity now has the statements of both.
  await expect(statementsOf(app, 'Ali-Asghar Khaji')).toHaveText('3');
  await saveScreen(app, testInfo, 'entities-screen');

  // Back in the article, the open span follows the merge without a reload.
  await app.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(selectedSpanCard(app).getByRole('blockquote')).toHaveText('Khaji');
  await expect(selectedSpanCard(app).getByRole('button', { name: 'Unlink entity Ali-Asghar Khaji' })).toBeVisible();

  const check = async () => {
    const entities = await workbench.api('listEntities', {});
    expect(entities.map((e) => [e.id, e.name, e.aliases.join('; ')]).sort()).toEqual([
      ['c-aid', 'Humanitarian aid to Syria', ''],
      ['e-endo', 'Akira Endo', ''],
      ['e-full', 'Ali-Asghar Khaji', 'Khaji; the Iranian diplomat'],
    ]);
    const article = await getArticle(workbench, id);
    expect(Object.fromEntries(article.spans.map((s) => [s.id, s.entityId]))).toEqual({
      's-full': 'e-full',
      's-short': 'e-full',
      's-short-2': 'e-full',
      's-endo': 'e-endo',
      's-aid': 'c-aid',
    });
  };
  await check();
  await workbench.reopen();
  await expectLibrary(app);
  await check();
  await openEntities(app);
  await expect(nameBoxes(app)).toHaveCount(3);
  await expect(table.getByRole('textbox', { name: 'Aliases of Ali-Asghar Khaji' })).toHaveValue('Khaji; the Iranian diplomat');

  // The merged-in alias "the Iranian diplomat" now suggests the kept entity for a new mention.
  await app.getByRole('button', { name: 'Back', exact: true }).click();
  await openArticle(app, SAMPLE_TITLE);
  await markSpan(app, { text: 'The Iranian diplomat' }, '1', 'The Iranian diplomat');
  await selectedSpanCard(app).getByRole('button', { name: 'Link to Ali-Asghar Khaji' }).click();
  await expect(selectedSpanCard(app).getByRole('button', { name: 'Unlink entity Ali-Asghar Khaji' })).toBeVisible();
  await expectSaved(app);
  expect(spanWithText(await getArticle(workbench, id), 'The Iranian diplomat').entityId).toBe('e-full');
});

test('keyboard only: Tab to the Entity combobox, type, ArrowDown, Enter', async ({ app, workbench }) => {
  const id = await sampleId(workbench);
  await workbench.api('saveEntity', { entity: { id: 'e-endo', kind: 'actor', name: 'Akira Endo', actorType: 'person', aliases: [], attributes: {} } });
  await workbench.api('saveEntity', { entity: { id: 'e-japan', kind: 'actor', name: 'Japan', actorType: 'state', aliases: [], attributes: {} } });
  await app.reload();
  await expectLibrary(app);
  await openArticle(app, SAMPLE_TITLE);
  await markSpan(app, { text: 'Japan', inside: 'called on Japan' }, '1', 'Japan');

  await tabTo(app, entityBox(app));
  await app.keyboard.type('end');
  const options = choices(app, 'Entity').getByRole('option');
  await expect(options).toHaveText(['Akira Endo · Person', 'Create actor “end” · Person']);
  await app.keyboard.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Enter');
  await expect(selectedSpanCard(app).getByRole('button', { name: 'Unlink entity Akira Endo' })).toBeVisible();
  await expect(articleText(app)).toBeFocused();

  // Change it: Escape closes the list first, then leaves the field.
  await tabTo(app, entityBox(app));
  await expect(entityBox(app)).toHaveAttribute('placeholder', 'Change the entity…');
  await app.keyboard.type('jap');
  await expect(options).toHaveText(['Japan · State', 'Create actor “jap” · Person']);
  await app.keyboard.press('Escape');
  await expect(entityBox(app)).toHaveAttribute('aria-expanded', 'false');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(selectedSpanCard(app).getByRole('button', { name: 'Unlink entity Japan' })).toBeVisible();

  await expectSaved(app);
  expect(spanWithText(await getArticle(workbench, id), 'Japan').entityId).toBe('e-japan');
  expect(await workbench.api('listEntities', {})).toHaveLength(2);
});

test('deleting entities on the Entities screen unlinks their mentions and keeps the spans', async ({ app, workbench }, testInfo) => {
  const id = await sampleId(workbench);
  const actor = (eid: string, name: string) => ({ id: eid, kind: 'actor' as const, name, actorType: 'person' as const, aliases: [], attributes: {} });
  await workbench.api('saveEntity', { entity: actor('e-khaji', 'Ali-Asghar Khaji') });
  await workbench.api('saveEntity', { entity: actor('e-endo', 'Akira Endo') });
  await workbench.api('saveEntity', { entity: actor('e-japan', 'Japan') });
  await seedSpans(workbench, id, [
    ['s-khaji', 'actor', { text: 'Ali-Asghar Khaji' }, 'e-khaji'],
    ['s-endo', 'actor', { text: 'Akira Endo' }, 'e-endo'],
    ['s-japan', 'actor', { text: 'Japan', inside: 'called on Japan' }, 'e-japan'],
  ]);
  await app.reload();
  await expectLibrary(app);
  await app.getByRole('button', { name: 'Entities', exact: true }).click();
  const table = app.getByRole('table', { name: 'Entities' });
  await expect(table.getByRole('textbox', { name: /^Name of / })).toHaveCount(3);

  // Checked under two filters: the dialog names both, the hidden one too.
  const filter = app.getByRole('searchbox', { name: 'Filter entities' });
  await filter.fill('endo');
  await table.getByRole('checkbox', { name: 'Check Akira Endo' }).check();
  await filter.fill('japan');
  await table.getByRole('checkbox', { name: 'Check Japan' }).check();
  const del = app.getByRole('button', { name: 'Delete (2)' });
  await del.click();
  const dialog = app.getByRole('dialog', { name: 'Delete entities?' });
  await expect(dialog.getByRole('list', { name: 'To be deleted' }).getByRole('listitem')).toHaveText(['Akira Endo', 'Japan']);
  await saveScreen(app, testInfo, 'entities-delete-dialog');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toBeHidden();
  await filter.fill('');
  await expect(table.getByRole('textbox', { name: /^Name of / })).toHaveCount(1);
  await expect(table.getByRole('textbox', { name: /^Name of / })).toHaveValue('Ali-Asghar Khaji');
  await expect(app.getByRole('button', { name: /^Delete/ })).toBeDisabled();

  expect((await workbench.api('listEntities', {})).map((e) => e.id)).toEqual(['e-khaji']);
  const article = await getArticle(workbench, id);
  expect(article.spans.map((s) => [s.id, s.entityId ?? '-'])).toEqual([
    ['s-khaji', 'e-khaji'],
    ['s-endo', '-'],
    ['s-japan', '-'],
  ]);
});
