// @vitest-environment happy-dom
/**
 * The Curation tab over an article with collected layers: a place shown from the panel is
 * selected and scrolled to in the text (the focus stays in the panel, so there is no caret to
 * scroll to), and one key decides it into gold.
 */
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleLayer } from '../../../shared/api/teamContract';
import { makeArticle } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

afterEach(cleanup);

const T = '2024-05-01T10:00:00.000Z';
const TEXT = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} says the minister met the envoy.`).join('\n');
// "envoy" in paragraph 30 (UTF-16 offsets).
const START = TEXT.indexOf('envoy', TEXT.indexOf('Paragraph 30 '));

const layer = (annotator: string, labelId: string): ArticleLayer => ({
  annotator,
  revision: 1,
  status: 'done',
  updatedAt: T,
  collectedAt: T,
  spans: [{ id: `${annotator}1`, labelId, start: START, end: START + 'envoy'.length }],
  statements: [],
  entities: [],
});

describe('curation panel', () => {
  it('scrolls the text to the place it shows, and one key takes an annotator\'s span into gold', async () => {
    const t = await renderApp({ articles: [makeArticle({ id: 'art1', text: TEXT })], open: null });
    t.api.layers.set('art1', [layer('ann', 'actor'), layer('bob', 'claim')]);
    const scrolled: Element[] = [];
    const original = HTMLElement.prototype.scrollIntoView;
    HTMLElement.prototype.scrollIntoView = function (this: HTMLElement) {
      scrolled.push(this);
    };
    try {
      await act(() => t.store.getState().openArticle('art1'));
      const user = userEvent.setup();
      await user.click(await screen.findByRole('tab', { name: /^Curation/ }));
      const panel = screen.getByRole('group', { name: 'Curation' });
      await waitFor(() => expect(within(panel).getByRole('status').textContent).toMatch(/^0 of 1 place decided/));
      panel.focus();
      await user.keyboard('j');
      await waitFor(() => expect(t.state().textSelection).toEqual({ anchor: START, focus: START + 5 }));
      await waitFor(() => expect(scrolled.some((el) => el.closest('[data-paragraph="30"]'))).toBe(true));

      await user.keyboard('2');
      await waitFor(() => expect(within(panel).getByRole('status').textContent).toMatch(/^1 of 1 place decided/));
      const root = screen.getByRole('document', { name: 'Article text' });
      await waitFor(() => expect(root.querySelector('[data-paragraph="30"] [data-span-ids]')?.textContent).toBe('envoy'));
      expect(t.doc().article!.spans.map((s) => s.labelId)).toEqual(['claim']);
    } finally {
      HTMLElement.prototype.scrollIntoView = original;
    }
  });

  it('shows the span places the service sent with the layers, and computes them itself when they do not fit the layers', async () => {
    const t = await renderApp({ articles: [makeArticle({ id: 'art1', text: TEXT })], open: null });
    const layers = [layer('ann', 'actor'), layer('bob', 'claim')];
    t.api.layers.set('art1', layers);
    await act(() => t.store.getState().openArticle('art1'));
    await userEvent.setup().click(await screen.findByRole('tab', { name: /^Curation/ }));
    const status = () => within(screen.getByRole('group', { name: 'Curation' })).getByRole('status').textContent;
    await waitFor(() => expect(status()).toMatch(/^0 of 1 place decided/));
    const session = t.store.getState().documentSession;
    // As sent: the one span both marked alike is agreed, so there is nothing to decide.
    act(() => void session.setLayers('art1', layers, { annotators: ['ann', 'bob'], agreedFrom: 'ann', agreed: [0], items: [] }));
    await waitFor(() => expect(status()).toMatch(/^0 of 0 places decided/));
    expect(screen.getByRole('button', { name: /^Accept agreed: 1 span,/ })).toBeTruthy();
    // Places for a longer layer than the page has: computed here instead.
    act(() => void session.setLayers('art1', layers, { annotators: ['ann', 'bob'], agreedFrom: 'ann', agreed: [3], items: [] }));
    await waitFor(() => expect(status()).toMatch(/^0 of 1 place decided/));
  });
});
