/**
 * Team work across three browser hosts, as a team does it: the lead assigns the sample article to
 * two annotators on the Team screen, each opens their package in their own host and codes it,
 * exports their work, the lead collects both and reads the agreement, then goes from a
 * disagreement to its place in the article. Browser target only: it starts the annotators' hosts
 * itself (the shell stand-in runs one window per process).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { HostProcess } from './hostProcess';
import { articleText, expectLibrary, expectSaved, labelButton, openArticle, SAMPLE_TITLE, selectText } from './helpers';

const teamScreen = async (page: Page) => {
  await page.getByRole('button', { name: 'Team', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
};

test('a lead assigns, two annotators code in their own hosts, the lead collects and reads the agreement', async ({ workbench, app, target }) => {
  test.skip(target !== 'browser', 'starts two more browser hosts; the browser target only');
  test.setTimeout(120_000);

  // The lead makes one package per annotator (everyone codes everything).
  await teamScreen(app);
  const form = app.getByRole('form', { name: 'Assign articles' });
  await form.getByLabel('Annotators (comma-separated)').fill('ann, bob');
  await form.getByLabel('Your name as lead').fill('lea');
  await form.getByRole('button', { name: 'Make assignment packages' }).click();
  const packages = new Map<string, Buffer>();
  for (const who of ['ann', 'bob']) {
    const file = await workbench.download(() => app.getByRole('button', { name: `Download ${who}.wbpkg` }).click());
    expect(file.name).toBe(`${who}.wbpkg`);
    packages.set(file.name, file.bytes);
  }
  await expect(app.getByRole('list', { name: 'Assignments made' }).getByRole('listitem')).toHaveCount(2);

  // Each annotator: their own workspace and host; open the package, code, export the work.
  const work: { name: string; buffer: Buffer }[] = [];
  const coding = { ann: ['Ali-Asghar Khaji'], bob: ['Ali-Asghar Khaji', 'Akira Endo'] };
  for (const who of ['ann', 'bob'] as const) {
    const dir = await workbench.newWorkspace({ seed: false, annotator: who });
    const host = await HostProcess.start(dir, false);
    const page = await app.context().newPage();
    try {
      await page.goto(host.url);
      await expectLibrary(page);
      await teamScreen(page);
      await page.getByLabel('Open an assignment package').setInputFiles({ name: `${who}.wbpkg`, mimeType: 'application/zip', buffer: packages.get(`${who}.wbpkg`)! });
      await expect(page.getByText(`Opened ${who}.wbpkg from lead lea: 1 article added`)).toBeVisible();
      await page.getByRole('button', { name: 'Back' }).click();
      await openArticle(page, SAMPLE_TITLE);
      for (const text of coding[who]) {
        await selectText(page, { text });
        await labelButton(page, 'Actor').click();
        await expect(articleText(page).locator('[data-span-ids]').filter({ hasText: text }).first()).toBeVisible();
      }
      await expectSaved(page);
      // Both also code one statement, "Khaji supports the Astana peace process" (seeded through the API: the linking UI has its own specs).
      const [summary] = await host.api('listArticles', {});
      const article = await host.api('getArticle', { id: summary.id });
      const actor = article.spans.find((sp) => article.text.slice(sp.start, sp.end) === 'Ali-Asghar Khaji')!;
      const claimAt = article.text.indexOf('the Astana peace process');
      const now = new Date().toISOString();
      const claim = { id: `c${who}`, labelId: 'claim', start: claimAt, end: claimAt + 'the Astana peace process'.length, annotator: who, createdAt: now, updatedAt: now };
      await host.api('editArticle', {
        articleId: summary.id,
        edits: [
          { type: 'addSpan', span: claim },
          { type: 'addStatement', statement: { id: `st${who}`, actorSpanId: actor.id, claimSpanId: claim.id, polarity: 'support', annotator: who, createdAt: now, updatedAt: now } },
        ],
      });
      await page.getByRole('button', { name: /Back/ }).first().click();
      await teamScreen(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export my work package' }).click()]);
      expect(download.suggestedFilename()).toBe(`${who}-work.wbpkg`);
      work.push({ name: download.suggestedFilename(), buffer: readFileSync(await download.path()) });
    } finally {
      await page.close();
      await host.stop();
    }
  }

  // The lead collects both and computes the agreement.
  await app.getByLabel('Collect work packages').setInputFiles(work.map((w) => ({ ...w, mimeType: 'application/zip' })));
  await expect(app.getByRole('list', { name: 'Work collected' }).getByRole('listitem')).toHaveCount(2);
  // Before curation there is no gold: the Export dialog's default refuses, naming the article; bob's layer exports.
  await app.getByRole('button', { name: 'Back' }).click();
  await app.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = app.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByRole('button', { name: 'Export 1 article' }).click();
  await expect(exportDialog.getByText(/1 article has layers of several annotators and no gold layer: a\w+\. Curate them into gold, or choose a layer/)).toBeVisible();
  await exportDialog.getByLabel('Layer').selectOption({ label: "bob's layer" });
  const bobs = await workbench.download(() => exportDialog.getByRole('button', { name: 'Export 1 article' }).click());
  const bobArticle = JSON.parse(bobs.bytes.toString('utf8').trim()) as { text: string; spans: { start: number; end: number }[] };
  expect(bobArticle.spans.map((sp) => bobArticle.text.slice(sp.start, sp.end))).toEqual(['Ali-Asghar Khaji', 'Akira Endo', 'the Astana peace process']);
  await exportDialog.getByRole('button', { name: 'Close' }).first().click();
  await teamScreen(app);
  await app.getByRole('button', { name: 'Compute agreement' }).click();
  const table = app.getByRole('table', { name: 'Agreement coefficients' });
  // ann marked an actor and a claim, bob the same two and one more actor: exact F1 = 2·2 / (2 + 3) = 0.8; actors 2·1 / (1 + 2).
  await expect(table.getByRole('row', { name: 'span_exact_f1 all ann / bob 1 0.800' })).toBeVisible();
  await expect(table.getByRole('row', { name: 'span_exact_f1 actor ann / bob 1 0.667' })).toBeVisible();
  await expect(table.getByRole('row', { name: 'span_exact_f1 claim ann / bob 1 1.000' })).toBeVisible();
  await expect(table.getByRole('row', { name: 'statement_f1 all ann / bob 1 1.000' })).toBeVisible();
  await app.screenshot({ path: test.info().outputPath('team-agreement.png'), fullPage: true });

  // One disagreement: bob's "Akira Endo"; its button opens the article with that stretch selected.
  const go = app.getByRole('button', { name: /^Go to span disagreement in / });
  await expect(go).toHaveCount(1);
  await go.click();
  await expect(app.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await expect.poll(() => app.evaluate(() => document.getSelection()?.toString())).toBe('Akira Endo');

  // Curation into gold: accept what both marked, then take bob's spans at the one place they differ.
  await app.getByRole('tab', { name: /^Curation/ }).click();
  const curation = app.getByRole('group', { name: 'Curation' });
  await expect(curation.getByRole('status')).toHaveText('0 of 1 place decided · layers of ann, bob');
  // Meanwhile each annotator's layer is a lane over the text: a CSS custom highlight each (ann's
  // first, as their key), whose ranges (static ones) cover exactly the text they marked.
  const laneTexts = (name: string) =>
    app.evaluate(
      (n) =>
        [...((CSS.highlights.get(n) as Iterable<AbstractRange> | undefined) ?? [])]
          .map((r) => {
            const live = new Range();
            live.setStart(r.startContainer, r.startOffset);
            live.setEnd(r.endContainer, r.endOffset);
            return live.toString();
          })
          .sort(),
      name,
    );
  const annLane = ['Ali-Asghar Khaji', 'the Astana peace process'];
  const bobLane = ['Akira Endo', 'Ali-Asghar Khaji', 'the Astana peace process'];
  await expect.poll(() => laneTexts('wb-lane-1')).toEqual(annLane);
  await expect.poll(() => laneTexts('wb-lane-2')).toEqual(bobLane);
  await app.screenshot({ path: test.info().outputPath('team-curation-lanes.png') });
  // The legend hides a lane and shows it again, from the keyboard too.
  const showAnn = curation.getByRole('checkbox', { name: "Show ann's layer" });
  await showAnn.uncheck();
  await expect.poll(() => laneTexts('wb-lane-1')).toEqual([]);
  expect(await laneTexts('wb-lane-2')).toEqual(bobLane);
  await showAnn.focus();
  await app.keyboard.press('Space');
  await expect(showAnn).toBeChecked();
  await expect.poll(() => laneTexts('wb-lane-1')).toEqual(annLane);
  await curation.getByRole('button', { name: 'Accept agreed: 2 spans, 1 statement' }).click();
  await curation.focus();
  await app.keyboard.press('2');
  await expect(curation.getByRole('status')).toHaveText('1 of 1 place decided · layers of ann, bob');
  await app.screenshot({ path: test.info().outputPath('team-curation.png'), fullPage: true });
  // The gold highlights the decisions added re-rendered the text under the lanes: drawn again over the new text nodes.
  await expect.poll(() => laneTexts('wb-lane-1')).toEqual(annLane);
  await expect.poll(() => laneTexts('wb-lane-2')).toEqual(bobLane);
  await expectSaved(app);
  const id = (await workbench.api('listArticles', {}))[0].id;
  const goldSpans = (await workbench.api('getArticle', { id })).spans.map((s) => s.annotator);
  expect(goldSpans).toEqual(['Test Annotator', 'Test Annotator', 'Test Annotator']);
  // Undo takes the decision back, as for any edit.
  await app.keyboard.press('Control+z');
  await expect(curation.getByRole('status')).toHaveText('0 of 1 place decided · layers of ann, bob');
  await app.keyboard.press('Control+Shift+z');
  await expect(curation.getByRole('status')).toHaveText('1 of 1 place decided · layers of ann, bob');
  await expectSaved(app);

  // The library shows the article curated.
  await app.getByRole('button', { name: 'Back to library' }).click();
  await expect(app.getByRole('table', { name: 'Articles' }).getByText('Curated (1 place)')).toBeVisible();

  // The gold layer is what exports take by default now that it exists.
  const exported = await workbench.api('exportData', { format: 'jsonl', options: {} });
  expect(JSON.parse(exported.content.trim().split('\n')[0]).spans.map((s: { annotator: string }) => s.annotator)).toEqual(['Test Annotator', 'Test Annotator', 'Test Annotator']);
  // As brat: the gold spans as T lines (a zip of .txt/.ann pairs).
  const brat = await workbench.api('exportData', { format: 'brat', options: {} });
  const { unzipSync, strFromU8 } = await import('fflate');
  const files = unzipSync(Buffer.from(brat.content, 'base64'));
  const ann = Object.entries(files).find(([name]) => name.endsWith('.ann'))!;
  // (the statement is an event whose trigger is a T line of its own, so its text appears twice)
  const tLines = strFromU8(ann[1]).split('\n').filter((l) => l.startsWith('T'));
  expect([...new Set(tLines.map((l) => l.split('\t')[2]))]).toEqual(['Ali-Asghar Khaji', 'Akira Endo', 'the Astana peace process']);
  expect(strFromU8(ann[1]).split('\n').filter((l) => l.startsWith('E'))).toHaveLength(1);
  // And as a GraphML network from the Network view: the gold statement, actor → concept.
  await app.getByRole('button', { name: 'Network', exact: true }).click();
  const graphml = await workbench.download(() => app.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'GraphML', exact: true }).click());
  const xml = graphml.bytes.toString('utf8');
  expect(xml.match(/<node /g)).toHaveLength(2);
  expect(xml.match(/<edge /g)).toHaveLength(1);
  expect(xml).toContain('Ali-Asghar Khaji');
  expect(xml).toContain('the Astana peace process');
});
