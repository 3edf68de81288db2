// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../App';
import { createWorkbenchStore, initializeStore } from '../store/createWorkbenchStore';
import { StoreProvider } from '../store/StoreContext';
import { createFakeApi, makeArticle } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

afterEach(cleanup);

const articles = [
  makeArticle({ id: 'a1', title: 'Diplomats discuss Syria', source: 'Mehr News', date: '2019-11-27', text: 'Khaji met Endo.' }),
  makeArticle({
    id: 'a2',
    title: 'دیدار دیپلمات‌ها',
    text: 'خاجی با اندو دیدار کرد.',
    status: 'in_progress',
    spans: [{ id: 's1', labelId: 'actor', start: 0, end: 4, annotator: 'x', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
  }),
];

describe('library view', () => {
  it('shows a table row per article with status and span counts', async () => {
    await renderApp({ articles, open: null });
    const row = screen.getByRole('row', { name: /Diplomats discuss Syria/ });
    expect(within(row).getByText('Mehr News')).toBeTruthy();
    expect(within(row).getByText('Not started')).toBeTruthy();
    const rtl = screen.getByRole('row', { name: /دیدار دیپلمات‌ها/ });
    expect(within(rtl).getByText('In progress')).toBeTruthy();
    expect(within(rtl).getByRole('list', { name: 'Spans per label' }).textContent).toMatch(/1\s*Actor/);
  });

  it('filters by text', async () => {
    const user = userEvent.setup();
    await renderApp({ articles, open: null });
    await user.type(screen.getByRole('searchbox', { name: 'Filter articles' }), 'syria');
    expect(screen.queryByRole('row', { name: /دیدار/ })).toBeNull();
    expect(screen.getByRole('row', { name: /Diplomats/ })).toBeTruthy();
  });

  it('opens an article from its title with Enter', async () => {
    const user = userEvent.setup();
    const t = await renderApp({ articles, open: null });
    screen.getByRole('button', { name: 'Diplomats discuss Syria' }).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('document', { name: 'Article text' });
    expect(t.state().openArticleId).toBe('a1');
  });

  it('adds an article through the dialog', async () => {
    const user = userEvent.setup();
    const t = await renderApp({ articles, open: null });
    await user.click(screen.getByRole('button', { name: 'Add article' }));
    const dialog = screen.getByRole('dialog', { name: 'Add article' });
    await user.type(within(dialog).getByLabelText('Title'), 'Pasted');
    await user.type(within(dialog).getByLabelText('Text'), 'Some pasted text.');
    await user.click(within(dialog).getByRole('button', { name: 'Save article' }));
    await screen.findByRole('row', { name: /Pasted/ });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(t.api.calls.find((c) => c.name === 'createArticle')!.input).toEqual({ title: 'Pasted', text: 'Some pasted text.' });
  });

  it('imports several text files', async () => {
    const user = userEvent.setup();
    await renderApp({ articles, open: null });
    const input = screen.getByLabelText('Import files') as HTMLInputElement;
    expect(input.multiple).toBe(true);
    expect(input.accept).toBe('.txt,.md');
    await user.upload(input, [new File(['one'], 'first.txt'), new File(['two'], 'second.md')]);
    await screen.findByRole('row', { name: /first/ });
    expect(screen.getByRole('row', { name: /second/ })).toBeTruthy();
  });

  it('confirms before deleting', async () => {
    const user = userEvent.setup();
    const t = await renderApp({ articles, open: null });
    const row = screen.getByRole('row', { name: /Diplomats discuss Syria/ });
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete article?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete permanently' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: /Diplomats/ })).toBeNull());
    expect(t.api.articles.has('a1')).toBe(false);
  });

  it('exports the checked articles', async () => {
    const user = userEvent.setup();
    const t = await renderApp({ articles, open: null });
    await user.click(screen.getByRole('checkbox', { name: 'Select Diplomats discuss Syria' }));
    await user.click(screen.getByRole('button', { name: /Export JSONL/ }));
    await waitFor(() => expect(t.downloads).toHaveLength(1));
    expect(t.downloads[0].content.trim().split('\n')).toHaveLength(1);
  });
});

describe('first run', () => {
  it('asks for the annotator name once and stores it', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({ articles, settings: { annotator: '' } });
    const store = createWorkbenchStore({ api });
    await initializeStore(store);
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>,
    );
    const dialog = screen.getByRole('dialog', { name: /Welcome/ });
    await user.type(within(dialog).getByLabelText('Your name'), 'Sara');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.settings.annotator).toBe('Sara');
  });

  it('changes the name and snapping in Settings', async () => {
    const user = userEvent.setup();
    const t = await renderApp({ articles, open: null });
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const name = within(dialog).getByLabelText('Annotator name');
    await user.clear(name);
    await user.type(name, 'Reza');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Snap selections to words' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(t.api.settings).toEqual({ annotator: 'Reza', snapToWords: false });
  });
});

describe('workspace repairs', () => {
  it('shows what opening the workspace repaired until dismissed', async () => {
    const user = userEvent.setup();
    const notices = ['workspace.json was missing; the index was rebuilt from 2 article files', 'removed 1 leftover temporary file'];
    await renderApp({ articles, open: null, notices });
    const status = screen.getByRole('status', { name: 'Workspace repairs' });
    expect(within(status).getAllByRole('listitem').map((li) => li.textContent)).toEqual(notices);
    await user.click(within(status).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status', { name: 'Workspace repairs' })).toBeNull();
  });

  it('shows nothing when opening repaired nothing', async () => {
    await renderApp({ articles, open: null });
    expect(screen.queryByRole('status', { name: 'Workspace repairs' })).toBeNull();
  });
});
