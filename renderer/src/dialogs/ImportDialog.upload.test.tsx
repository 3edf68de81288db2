// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../test/renderApp';

afterEach(cleanup);

const MiB = 1024 * 1024;
const T0 = '2026-01-01T00:00:00.000Z';

/** A native JSONL file of `count` articles of about 1 MiB of text each: over the 8 MiB that go inline. */
function largeJsonl(count: number): File {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ id: `big${i}`, title: `Big ${i}`, text: `Article ${i}. `.padEnd(MiB, 'x'), status: 'not_started', createdAt: T0, updatedAt: T0, spans: [], statements: [] }),
  );
  return new File([lines.join('\n') + '\n'], 'large.jsonl');
}

async function chooseLargeFile() {
  const user = userEvent.setup();
  const t = await renderApp({ articles: [], open: null });
  await user.click(screen.getByRole('button', { name: 'Import…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Import' });
  const file = largeJsonl(9);
  await user.upload(within(dialog).getByLabelText('Choose files…'), file);
  await within(dialog).findByText(/9 articles, 0 spans and 0 statements/, {}, { timeout: 5000 });
  return { user, t, dialog, file };
}

describe('the Import dialog with a large file', () => {
  it('sends it in chunks of 8 MiB, in order, and imports it from the upload', async () => {
    const { user, t, dialog, file } = await chooseLargeFile();
    const [upload] = t.api.uploads.live.keys();
    expect(t.api.uploads.appended).toEqual([
      { uploadId: upload, offset: 0, bytes: 8 * MiB },
      { uploadId: upload, offset: 8 * MiB, bytes: file.size - 8 * MiB },
    ]);
    const preview = t.api.calls.find((c) => c.name === 'previewImport');
    expect(preview?.input).toMatchObject({ files: [{ name: 'large.jsonl', uploadId: upload }] });

    await user.click(within(dialog).getByRole('button', { name: 'Import 9 articles' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Import' })).toBeNull());
    expect(t.api.articles.size).toBe(9);
    // Sent once for the preview and the import; the import consumed it, nothing was discarded.
    expect(t.api.uploads.appended).toHaveLength(2);
    expect(t.api.uploads.live.size).toBe(0);
    expect(t.api.uploads.discarded).toEqual([]);
  });

  it('discards the upload when the dialog is cancelled', async () => {
    const { user, t, dialog } = await chooseLargeFile();
    const [upload] = t.api.uploads.live.keys();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(t.api.uploads.discarded).toEqual([upload]));
    expect(t.api.uploads.live.size).toBe(0);
    expect(t.api.articles.size).toBe(0);
  });
});
