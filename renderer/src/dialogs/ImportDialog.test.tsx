// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { makeArticle } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

afterEach(cleanup);

const existing = [makeArticle({ id: 'a0', title: 'Already here', text: 'Some text.' })];

// "🐱 " before the first span: brat counts code points, so the offsets are one less than UTF-16's.
const BRAT_TEXT = '🐱 Kishida denounced the plan.';
const BRAT_ANN = 'T1\tActor 2 9\tKishida\nT2\tSpeaker 10 19\tdenounced\n';

async function openImport() {
  const user = userEvent.setup();
  const t = await renderApp({ articles: existing, open: null });
  await user.click(screen.getByRole('button', { name: 'Import…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Import' });
  return { user, t, dialog };
}

describe('the Import dialog', () => {
  it('lists every format with its description in a radio group named "Format"', async () => {
    const { dialog } = await openImport();
    const group = within(dialog).getByRole('radiogroup', { name: 'Format' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(['jsonl', 'brat', 'doccano', 'label-studio', 'w3c', 'conll', 'conllu', 'csv']);
    const brat = within(group).getByRole('radio', { name: 'brat' });
    expect(document.getElementById(brat.getAttribute('aria-describedby')!)!.textContent).toMatch(/brat standoff/);
    // The checked format takes the focus when the dialog opens.
    expect(document.activeElement).toBe(within(group).getByRole('radio', { name: 'Native JSONL' }));
  });

  it('previews a brat pair and imports only after every unknown label is resolved', async () => {
    const { user, t, dialog } = await openImport();
    await user.click(within(dialog).getByRole('radio', { name: 'brat' }));
    const input = within(dialog).getByLabelText('Choose files…') as HTMLInputElement;
    expect(input.multiple).toBe(true);
    expect(input.accept).toContain('.ann');
    await user.upload(input, [new File([BRAT_TEXT], 'story.txt'), new File([BRAT_ANN], 'story.ann')]);

    await within(dialog).findByText(/1 article, 2 spans and 0 statements/);
    const commit = within(dialog).getByRole('button', { name: 'Import 1 article' });
    expect((commit as HTMLButtonElement).disabled).toBe(true);
    const speaker = within(dialog).getByRole('combobox', { name: 'Speaker' });
    expect(within(dialog).getByText(/Choose what the unknown label becomes first/)).toBeTruthy();

    await user.selectOptions(speaker, 'Map onto Stance');
    expect((commit as HTMLButtonElement).disabled).toBe(false);
    await user.click(commit);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await screen.findByRole('row', { name: /story/ });
    expect(screen.getByText('Imported 1 article')).toBeTruthy();
    const call = t.api.calls.find((c) => c.name === 'commitImport')!.input as { format: string; labelMapping: Record<string, string> };
    expect(call.format).toBe('brat');
    expect(call.labelMapping).toEqual({ Speaker: 'stance' });
    const imported = [...t.api.articles.values()].find((a) => a.title === 'story')!;
    expect(imported.spans.map((s) => `${s.labelId}:${imported.text.slice(s.start, s.end)}`)).toEqual(['actor:Kishida', 'stance:denounced']);
  });

  it('adds an unknown label to the schema when asked, and reloads the schema', async () => {
    const { user, t, dialog } = await openImport();
    await user.click(within(dialog).getByRole('radio', { name: 'brat' }));
    await user.upload(within(dialog).getByLabelText('Choose files…'), [new File([BRAT_TEXT], 'story.txt'), new File([BRAT_ANN], 'story.ann')]);
    await user.selectOptions(await within(dialog).findByRole('combobox', { name: 'Speaker' }), 'Add to schema');
    await user.click(within(dialog).getByRole('button', { name: 'Import 1 article' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(t.state().workspace!.schema.labels.map((l) => l.name)).toContain('Speaker'));
  });

  it('shows a malformed file as an alert in the dialog, naming the file and the line, and imports nothing', async () => {
    const { user, t, dialog } = await openImport();
    const good = JSON.stringify({ id: 'x1', title: 'Fine', text: 'Fine text.', status: 'not_started', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', spans: [], statements: [] });
    await user.upload(within(dialog).getByLabelText('Choose files…'), new File([`${good}\n{"id": "x2", "title": \n`], 'broken.jsonl'));

    const alert = within(dialog).getByRole('alert');
    await waitFor(() => expect(alert.textContent).toMatch(/broken\.jsonl/));
    expect(alert.textContent).toMatch(/line 2/);
    expect((within(dialog).getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);
    expect(t.api.calls.some((c) => c.name === 'commitImport')).toBe(false);
    expect(t.api.articles.size).toBe(1);

    // Choosing a readable file previews again and the stale alert goes.
    await user.upload(within(dialog).getByLabelText('Choose files…'), new File([`${good}\n`], 'fine.jsonl'));
    await within(dialog).findByRole('button', { name: 'Import 1 article' });
    expect(alert.textContent).toBe('');
  });

  it('asks what doccano offsets count and sends the answer', async () => {
    const { user, t, dialog } = await openImport();
    await user.click(within(dialog).getByRole('radio', { name: 'doccano' }));
    const text = '👨‍👩‍👧 Kishida said';
    await user.upload(within(dialog).getByLabelText('Choose files…'), new File([JSON.stringify({ text, label: [[2, 9, 'Actor']] })], 'dc.jsonl'));
    await within(dialog).findByText(/1 article, 1 span/);
    const unit = within(dialog).getByRole('radiogroup', { name: "The file's offsets count" });
    await user.click(within(unit).getByRole('radio', { name: 'Grapheme clusters' }));
    await waitFor(() =>
      expect(t.api.calls.filter((c) => c.name === 'previewImport').at(-1)!.input).toMatchObject({ options: { doccanoUnit: 'grapheme' } }),
    );
    await user.click(await within(dialog).findByRole('button', { name: 'Import 1 article' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const a = [...t.api.articles.values()].find((x) => x.text === text)!;
    expect(a.text.slice(a.spans[0].start, a.spans[0].end)).toBe('Kishida');
  });

  it('refuses a doccano file with a reversed span, and with "Skip bad records" lists the skips and imports the rest', async () => {
    const { user, t, dialog } = await openImport();
    await user.click(within(dialog).getByRole('radio', { name: 'doccano' }));
    const records = [
      { text: 'خاجی گفت', label: [[0, 4, 'Actor']] },
      { text: 'Kishida 👍 the plan', label: [[0, 7, 'Actor'], [18, 11, 'Claim']] },
    ];
    await user.upload(within(dialog).getByLabelText('Choose files…'), new File([records.map((r) => JSON.stringify(r)).join('\n')], 'dc.jsonl'));
    const alert = within(dialog).getByRole('alert');
    await waitFor(() => expect(alert.textContent).toMatch(/dc\.jsonl \(line 2, \$\.label\[1\]\): span 1 is reversed/));
    expect((within(dialog).getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);

    const skip = within(dialog).getByRole('checkbox', { name: 'Skip bad records' });
    await user.click(skip);
    await within(dialog).findByText(/2 articles, 2 spans and 0 statements/);
    expect(within(dialog).getByText(/skipped \(bad record\): dc\.jsonl \(line 2, \$\.label\[1\]\): span 1 is reversed/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Import 2 articles' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const call = t.api.calls.find((c) => c.name === 'commitImport')!.input as { options: object };
    expect(call.options).toEqual({ doccanoUnit: 'utf16', skipBadRecords: true });
  });

  it('sends CSV and zip files as base64 bytes, other files as text', async () => {
    const { user, t, dialog } = await openImport();
    await user.click(within(dialog).getByRole('radio', { name: 'CSV' }));
    await user.upload(within(dialog).getByLabelText('Choose files…'), new File(['article_id,title,text\r\nx1,One,Hello there\r\n'], 'articles.csv'));
    await within(dialog).findByRole('button', { name: 'Import 1 article' });
    const sent = t.api.calls.find((c) => c.name === 'previewImport')!.input as { files: { encoding: string }[] };
    expect(sent.files[0].encoding).toBe('base64');

    await user.click(within(dialog).getByRole('radio', { name: 'Native JSONL' }));
    await user.upload(within(dialog).getByLabelText('Choose files…'), new File([''], 'empty.jsonl'));
    await waitFor(() => expect(t.api.calls.filter((c) => c.name === 'previewImport')).toHaveLength(3));
    expect((t.api.calls.at(-1)!.input as { files: { encoding: string }[] }).files[0].encoding).toBe('utf8');
  });
});
