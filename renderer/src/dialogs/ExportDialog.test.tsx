// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { makeArticle } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

afterEach(cleanup);

const T = '2026-01-01T00:00:00.000Z';
const articles = [
  makeArticle({
    id: 'a1',
    title: 'First',
    text: '🐱 Kishida denounced the plan.',
    status: 'done',
    spans: [{ id: 's1', labelId: 'actor', start: 3, end: 10, annotator: 'x', createdAt: T, updatedAt: T }],
  }),
  makeArticle({ id: 'a2', title: 'Second', text: 'Nothing marked here.' }),
  makeArticle({ id: 'a3', title: 'Third', text: 'Nor here.' }),
];

async function openExport(options: { check?: string } = {}) {
  const user = userEvent.setup();
  const t = await renderApp({ articles, open: null });
  if (options.check) await user.click(screen.getByRole('checkbox', { name: `Select ${options.check}` }));
  await user.click(screen.getByRole('button', { name: 'Export…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Export' });
  return { user, t, dialog };
}

describe('the Export dialog', () => {
  it('exports every article as brat into a zip download named after the format', async () => {
    const { user, t, dialog } = await openExport();
    const formats = within(dialog).getByRole('radiogroup', { name: 'Format' });
    expect(within(formats).getAllByRole('radio')).toHaveLength(8);
    await user.click(within(formats).getByRole('radio', { name: 'brat' }));
    expect(within(dialog).getByText('workbench-brat.zip')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Export 3 articles' }));

    await waitFor(() => expect(t.savedFiles).toHaveLength(1));
    expect(t.savedFiles[0].fileName).toBe('workbench-brat.zip');
    const bytes = new Uint8Array(await t.savedFiles[0].blob.arrayBuffer());
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]); // "PK"
    expect(t.savedFiles[0].blob.type).toBe('application/zip');
    await within(dialog).findByText('Exported 3 articles to workbench-brat.zip (' + formatSize(bytes.length) + ').');
    // The job is removed from the service once the file is read.
    expect(t.api.exportJobs.discarded).toHaveLength(1);
    expect(t.api.exportJobs.jobs.size).toBe(0);
  });

  it('exports the checked articles by default, or only those marked done', async () => {
    const { user, t, dialog } = await openExport({ check: 'Second' });
    const scope = within(dialog).getByRole('radiogroup', { name: 'Articles' });
    expect((within(scope).getByRole('radio', { name: 'The checked articles (1)' }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Export 1 article' }));
    await waitFor(() => expect(t.savedFiles).toHaveLength(1));
    expect(t.api.calls.find((c) => c.name === 'startExport')!.input).toMatchObject({ format: 'jsonl', articleIds: ['a2'] });
    expect((await t.savedFiles[0].blob.text()).trim().split('\n')).toHaveLength(1);

    await user.click(within(scope).getByRole('radio', { name: 'Only articles marked done (1)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Export 1 article' }));
    await waitFor(() => expect(t.savedFiles).toHaveLength(2));
    const second = t.api.calls.filter((c) => c.name === 'startExport')[1].input as Record<string, unknown>;
    expect(second).toMatchObject({ status: 'done' });
    expect(second.articleIds).toBeUndefined();
    expect(JSON.parse(await t.savedFiles[1].blob.text()).id).toBe('a1');
  });

  it('offers the byte-order mark for CSV and sends it', async () => {
    const { user, t, dialog } = await openExport();
    expect(within(dialog).queryByRole('checkbox', { name: 'Add a byte-order mark so Excel opens it' })).toBeNull();
    await user.click(within(dialog).getByRole('radio', { name: 'CSV' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Add a byte-order mark so Excel opens it' }));
    await user.click(within(dialog).getByRole('button', { name: 'Export 3 articles' }));
    await waitFor(() => expect(t.savedFiles).toHaveLength(1));
    expect(t.api.calls.find((c) => c.name === 'startExport')!.input).toMatchObject({ format: 'csv', options: { bom: true } });
    expect(t.savedFiles[0].fileName).toBe('workbench-csv.zip');
  });

  it('for doccano, says which project setting overlapping spans need and sends "one span per overlap" when ticked', async () => {
    const { user, t, dialog } = await openExport();
    expect(within(dialog).queryByRole('checkbox', { name: 'Keep one span per overlap' })).toBeNull();
    await user.click(within(dialog).getByRole('radio', { name: 'doccano' }));
    const box = within(dialog).getByRole('checkbox', { name: 'Keep one span per overlap' });
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toMatch(/“Allow overlapping spans”: without it, doccano drops them/);
    await user.click(within(dialog).getByRole('button', { name: 'Export 3 articles' }));
    await waitFor(() => expect(t.savedFiles).toHaveLength(1));
    expect(t.api.calls.find((c) => c.name === 'startExport')!.input).toMatchObject({ format: 'doccano', options: { doccanoUnit: 'utf16' } });
    expect((t.api.calls.find((c) => c.name === 'startExport')!.input as { options: object }).options).not.toHaveProperty('doccanoNoOverlap');

    await user.click(box);
    await user.click(within(dialog).getByRole('button', { name: 'Export 3 articles' }));
    await waitFor(() => expect(t.savedFiles).toHaveLength(2));
    expect(t.api.calls.filter((c) => c.name === 'startExport')[1].input).toMatchObject({ format: 'doccano', options: { doccanoUnit: 'utf16', doccanoNoOverlap: true } });
  });

  it('shows the progress of a long export, and Cancel export stops it and saves nothing', async () => {
    const { user, t, dialog } = await openExport();
    t.api.exportJobs.manual = true;
    await user.click(within(dialog).getByRole('radio', { name: 'CoNLL' }));
    await user.click(within(dialog).getByRole('button', { name: 'Export 3 articles' }));

    const progress = (await within(dialog).findByRole('progressbar', { name: 'Export progress' })) as HTMLProgressElement;
    const cancel = within(dialog).getByRole('button', { name: 'Cancel export' });
    await waitFor(() => expect(document.activeElement).toBe(cancel));
    t.api.exportJobs.advance(1);
    await waitFor(() => expect(progress.value).toBe(1));
    expect(progress.max).toBe(3);
    expect(within(dialog).getByText('1 / 3')).toBeTruthy();
    expect(within(dialog).getByRole('radio', { name: 'CoNLL' }).closest('fieldset')!.disabled).toBe(true);

    await user.click(cancel);
    await within(dialog).findByText('Export cancelled. Nothing was saved.');
    expect(within(dialog).queryByRole('progressbar')).toBeNull();
    expect(t.api.exportJobs.cancelled).toHaveLength(1);
    expect(t.api.exportJobs.discarded).toEqual(t.api.exportJobs.cancelled);
    expect(t.savedFiles).toHaveLength(0);
    // The keyboard focus lands on the export button again.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Export 3 articles' }));
  });

  it('closing the dialog during an export cancels it', async () => {
    const { user, t, dialog } = await openExport();
    t.api.exportJobs.manual = true;
    await user.click(within(dialog).getByRole('button', { name: 'Export 3 articles' }));
    await within(dialog).findByRole('progressbar', { name: 'Export progress' });
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(t.api.exportJobs.cancelled).toHaveLength(1));
    await waitFor(() => expect(t.api.exportJobs.jobs.size).toBe(0));
    expect(t.savedFiles).toHaveLength(0);
  });

  it('lists what the format could not write exactly', async () => {
    const { user, t, dialog } = await openExport();
    t.api.exportJobs.warnings = ['statements are not written (CoNLL has no place for them)'];
    await user.click(within(dialog).getByRole('radio', { name: 'CoNLL' }));
    await user.click(within(dialog).getByRole('button', { name: 'Export 3 articles' }));
    await within(dialog).findByText('statements are not written (CoNLL has no place for them)');
    expect(t.savedFiles[0].fileName).toBe('workbench-conll.conll');
  });

  it('lists the articles left out because their files could not be read, naming each file', async () => {
    const { user, t, dialog } = await openExport();
    const message = '/w/articles/a2.json is not valid JSON (Unexpected token); it was left untouched';
    t.api.exportJobs.skipped = [{ articleId: 'a2', title: 'Second article', file: '/w/articles/a2.json', message }];
    await user.click(within(dialog).getByRole('button', { name: 'Export 3 articles' }));
    const leftOut = await within(dialog).findByRole('region', { name: 'Articles left out' });
    expect(within(leftOut).getByRole('heading').textContent).toBe('Left out: 1 article could not be read');
    expect(within(leftOut).getByRole('listitem').textContent).toBe(`Second article: ${message}`);
    expect(t.savedFiles).toHaveLength(1);
  });

  it('shows a failed export in the dialog alert', async () => {
    const { user, t, dialog } = await openExport();
    t.api.failNext('startExport');
    await user.click(within(dialog).getByRole('button', { name: 'Export 3 articles' }));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toMatch(/Could not export: startExport failed/));
    expect(t.savedFiles).toHaveLength(0);
  });
});

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
