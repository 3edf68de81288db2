// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../test/renderApp';

afterEach(cleanup);

function selectWords(words: string) {
  const root = screen.getByRole('document', { name: 'Article text' });
  const text = root.textContent!;
  // The rendered text has no line breaks between paragraphs; find the words in a fragment.
  const fragments = [...root.querySelectorAll<HTMLElement>('[data-start]')];
  const frag = fragments.find((f) => f.textContent!.includes(words));
  if (!frag) throw new Error(`"${words}" not found in ${text}`);
  const at = frag.textContent!.indexOf(words);
  const node = frag.firstChild!;
  document.getSelection()!.setBaseAndExtent(node, at, node, at + words.length);
  document.dispatchEvent(new Event('selectionchange'));
}

const spansPanel = () => screen.getByRole('region', { name: 'Spans' });
/** The save state in the header (the other status region is the transient notice). */
const saveStatus = () => screen.getAllByRole('status').find((el) => /saved|Saving/.test(el.textContent ?? ''))!;

describe('annotating view', () => {
  it('renders one paragraph per line, each with dir="auto"', async () => {
    await renderApp();
    const root = screen.getByRole('document', { name: 'Article text' });
    const paras = root.querySelectorAll('p');
    expect(paras).toHaveLength(4);
    for (const p of paras) expect(p.getAttribute('dir')).toBe('auto');
  });

  it('creates a span from a mouse selection and the hotkey, listed under its label', async () => {
    const t = await renderApp();
    selectWords('Akira Endo');
    await waitFor(() => expect(t.state().textSelection).toEqual({ anchor: 0, focus: 10 }));
    await userEvent.keyboard('1');
    const item = await within(spansPanel()).findByRole('button', { name: 'Actor: Akira Endo' });
    expect(item).toBeTruthy();
    const highlight = screen.getByRole('document', { name: 'Article text' }).querySelector('[data-span-ids]')!;
    expect(highlight.textContent).toBe('Akira Endo');
    expect(highlight.className).toContain('is-selected');
    await waitFor(() => expect(saveStatus().textContent).toBe('All changes saved'));
    expect(t.api.articles.get('art1')!.spans).toHaveLength(1);
  });

  it('relabels with a label button, deletes with Delete, and undoes and redoes with the buttons', async () => {
    const t = await renderApp();
    const user = userEvent.setup();
    selectWords('Tehran');
    await waitFor(() => expect(t.state().textSelection?.focus).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Claim' }));
    await within(spansPanel()).findByRole('button', { name: 'Claim: Tehran' });

    await user.click(screen.getByRole('button', { name: 'Stance' }));
    await within(spansPanel()).findByRole('button', { name: 'Stance: Tehran' });
    expect(screen.getByRole('button', { name: 'Stance' }).getAttribute('aria-pressed')).toBe('true');

    await user.keyboard('{Delete}');
    await waitFor(() => expect(within(spansPanel()).queryByRole('button', { name: /Tehran/ })).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await within(spansPanel()).findByRole('button', { name: 'Stance: Tehran' });
    await user.keyboard('{Control>}z{/Control}');
    await within(spansPanel()).findByRole('button', { name: 'Claim: Tehran' });
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    await within(spansPanel()).findByRole('button', { name: 'Stance: Tehran' });
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(within(spansPanel()).queryByRole('button', { name: /Tehran/ })).toBeNull());
    await t.saved();
    expect(t.api.articles.get('art1')!.spans).toHaveLength(0);
  });

  it('groups the Spans panel by label and selects a span from it', async () => {
    const t = await renderApp();
    for (const [words, label] of [
      ['Akira Endo', 'actor'],
      ['Ali-Asghar Khaji', 'actor'],
      ['denounced', 'stance'],
    ] as const) {
      act(() => {
        const text = t.doc().article!.text;
        const at = text.indexOf(words);
        t.state().setSelectionFromDom({ anchor: at, focus: at + words.length });
        t.state().applyLabel(label);
      });
    }
    const panel = spansPanel();
    // The panel follows the text a frame later (useAfterPaint).
    const actorList = await within(panel).findByRole('list', { name: /Actor/ });
    expect(within(actorList).getAllByRole('listitem')).toHaveLength(2);
    const stanceList = within(panel).getByRole('list', { name: /Stance/ });
    expect(within(stanceList).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Stance: denounced']);
    expect(within(panel).queryByRole('list', { name: /Claim/ })).toBeNull();

    await userEvent.click(within(panel).getByRole('button', { name: 'Actor: Akira Endo' }));
    const selected = t.doc().article!.spans.find((s) => s.id === t.state().selectedSpanId)!;
    expect(t.doc().article!.text.slice(selected.start, selected.end)).toBe('Akira Endo');
    // The list shows the selection as it shows its spans: after the text (useAfterPaint).
    await waitFor(() => expect(within(panel).getByRole('button', { name: 'Actor: Akira Endo' }).getAttribute('aria-current')).toBe('true'));
  });

  it('selects text with the keyboard caret and labels it', async () => {
    const t = await renderApp();
    const user = userEvent.setup();
    const root = screen.getByRole('document', { name: 'Article text' });
    act(() => root.focus());
    expect(t.state().textFocused).toBe(true);
    expect(t.state().textSelection).toEqual({ anchor: 0, focus: 0 });
    expect(root.querySelector('.caret')).not.toBeNull();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(t.state().textSelection).toEqual({ anchor: 15, focus: 15 }); // "Ali-Asghar"
    await user.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}');
    await user.keyboard('1');
    await within(spansPanel()).findByRole('button', { name: 'Actor: Ali-Asghar Khaji' });
  });

  it('writes a note with Enter and walks spans with n and p', async () => {
    const t = await renderApp();
    const user = userEvent.setup();
    act(() => {
      for (const w of ['Akira Endo', 'Tehran']) {
        const at = t.doc().article!.text.indexOf(w);
        t.state().setSelectionFromDom({ anchor: at, focus: at + w.length });
        t.state().applyLabel('actor');
      }
      t.state().selectSpan(null);
    });
    act(() => screen.getByRole('document', { name: 'Article text' }).focus());
    await user.keyboard('n');
    expect(t.doc().article!.spans.find((s) => s.id === t.state().selectedSpanId)!.start).toBe(0);
    await user.keyboard('n');
    await user.keyboard('p');
    expect(t.doc().article!.spans.find((s) => s.id === t.state().selectedSpanId)!.start).toBe(0);
    await user.keyboard('{Enter}');
    const note = screen.getByLabelText('Note');
    expect(document.activeElement).toBe(note);
    await user.type(note, 'the Japanese envoy{Enter}');
    await within(spansPanel()).findByText('the Japanese envoy');
    expect(document.activeElement).toBe(screen.getByRole('document', { name: 'Article text' }));
    await t.saved();
    expect(t.api.articles.get('art1')!.spans[0].note).toBe('the Japanese envoy');
  });

  it('toggles Mark done and goes back to the library', async () => {
    const t = await renderApp();
    const user = userEvent.setup();
    const done = screen.getByRole('button', { name: 'Mark done' });
    await user.click(done);
    expect(done.getAttribute('aria-pressed')).toBe('true');
    await t.saved();
    expect(t.api.articles.get('art1')!.status).toBe('done');
    await user.click(screen.getByRole('button', { name: 'Back to library' }));
    const row = await screen.findByRole('row', { name: /Diplomats meet/ });
    expect(within(row).getByText('Done')).toBeTruthy();
  });

  it('shows a refused save in the alert region and rolls it back', async () => {
    const t = await renderApp();
    t.api.failNext('editArticle');
    act(() => {
      t.state().setSelectionFromDom({ anchor: 0, focus: 10 });
    });
    fireEvent.keyDown(window, { key: '1', code: 'Digit1' });
    // Drawn at once in the text (the panel, a frame behind, may never show it).
    expect(screen.getByRole('document', { name: 'Article text' }).querySelector('[data-span-ids]')?.textContent).toBe('Akira Endo');
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toMatch(/editArticle failed/));
    expect(screen.getByRole('document', { name: 'Article text' }).querySelector('[data-span-ids]')).toBeNull();
    await waitFor(() => expect(within(spansPanel()).queryByRole('button', { name: 'Actor: Akira Endo' })).toBeNull());
    expect(saveStatus().textContent).toBe('Changes not saved');
  });

  it('lists the registry in the shortcut help dialog', async () => {
    await renderApp();
    await userEvent.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const name of ['Actor', 'Undo', 'Redo', 'Delete span', 'Next span', 'Previous span', 'Mark done / reopen'])
      expect(within(dialog).getByRole('rowheader', { name })).toBeTruthy();
  });
});
