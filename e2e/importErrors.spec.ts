/** Bad input is refused with a message that says where the problem is, and nothing is imported. */
import { test, expect } from './fixtures';
import { libraryRow, SAMPLE_TITLE } from './helpers';

const rows = (page: import('@playwright/test').Page) =>
  page.getByRole('table', { name: 'Articles' }).getByRole('row').filter({ has: page.getByRole('cell') });

test('a malformed JSONL file: an alert names the file and the line, and nothing is imported', async ({ app, workbench }) => {
  // Line 1 is a valid article (this workspace's own export), line 2 is broken.
  const exported = await workbench.api('exportData', { format: 'jsonl', options: {} });
  const valid = exported.content.trimEnd().split('\n')[0].replace(/"id":"[^"]+"/, '"id":"aother1"');
  const content = `${valid}\n{"id": "a2", "title": "Broken", "text": \n`;
  const before = await workbench.api('listArticles', {});

  await app.getByRole('button', { name: 'Import JSONL' }).setInputFiles({ name: 'broken-export.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(content) });
  const alert = app.getByRole('alert');
  await expect(alert).toContainText('broken-export.jsonl');
  await expect(alert).toContainText('line 2');
  await expect(app.getByRole('dialog', { name: 'Import JSONL' })).toHaveCount(0);
  await expect(rows(app)).toHaveCount(1);
  expect(await workbench.api('listArticles', {})).toEqual(before);

  // The alert can be dismissed.
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
});

test('a JSONL line that is valid JSON but not an article is refused with its line number', async ({ app, workbench }) => {
  const content = '\n{"title": "No text and no id"}\n';
  await app.getByRole('button', { name: 'Import JSONL' }).setInputFiles({ name: 'not-articles.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(content) });
  await expect(app.getByRole('alert')).toContainText('not-articles.jsonl');
  await expect(app.getByRole('alert')).toContainText('line 2');
  expect(await workbench.api('listArticles', {})).toHaveLength(1);
});

test('a file that is not .txt or .md is refused by "Import files", naming it, and nothing is imported', async ({ app, workbench }) => {
  await app.getByRole('button', { name: 'Import files' }).setInputFiles([
    { name: 'fine.txt', mimeType: 'text/plain', buffer: Buffer.from('Fine text.') },
    { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
  ]);
  await expect(app.getByRole('alert')).toContainText('scan.pdf');
  await expect(rows(app)).toHaveCount(1);
  await expect(libraryRow(app, SAMPLE_TITLE)).toBeVisible();
  expect(await workbench.api('listArticles', {})).toHaveLength(1);
});
