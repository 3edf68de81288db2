// @vitest-environment happy-dom
/**
 * The Curation tab over an article with collected layers: a place shown from the panel is
 * selected and scrolled to in the text (the focus stays in the panel, so there is no caret to
 * scroll to), and one key decides it into gold. Meanwhile each annotator's layer is a lane over
 * the text (a CSS custom highlight each), which the legend hides and shows.
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

  it('draws each annotator\'s layer over the text as a lane while the tab is shown, again after the text re-renders; the legend hides one', async () => {
    // happy-dom has no custom highlights: a registry that keeps the ranges. And no IntersectionObserver,
    // so every chunk counts as near the viewport (as for the highlights' own chunkActivity).
    const g = globalThis as unknown as { CSS: object; Highlight?: unknown; IntersectionObserver?: unknown };
    const saved = { CSS: Object.getOwnPropertyDescriptor(g, 'CSS'), Highlight: g.Highlight, IntersectionObserver: g.IntersectionObserver };
    const registry = new Map<string, Set<Range>>();
    // (happy-dom makes a new CSS object on each read)
    Object.defineProperty(g, 'CSS', { value: Object.assign(Object.create(g.CSS), { highlights: registry }), configurable: true, writable: true });
    g.Highlight = class extends Set<Range> {
      constructor(...ranges: Range[]) {
        super(ranges);
      }
    };
    delete g.IntersectionObserver;
    try {
      const t = await renderApp({ articles: [makeArticle({ id: 'art1', text: TEXT })], open: null });
      const minister = TEXT.indexOf('minister', TEXT.indexOf('Paragraph 2 '));
      const bob = layer('bob', 'claim');
      t.api.layers.set('art1', [layer('ann', 'actor'), { ...bob, spans: [...bob.spans, { id: 'bob2', labelId: 'actor', start: minister, end: minister + 8 }] }]);
      await act(() => t.store.getState().openArticle('art1'));
      const root = screen.getByRole('document', { name: 'Article text' });
      const lane = (name: string) => [...(registry.get(name) ?? [])].map((r) => r.toString()).sort();
      expect(registry.has('wb-lane-1')).toBe(false);

      const user = userEvent.setup();
      await user.click(await screen.findByRole('tab', { name: /^Curation/ }));
      // ann's lane first, as their key; taller lines to make room for two rows.
      await waitFor(() => expect(lane('wb-lane-1')).toEqual(['envoy']));
      expect(lane('wb-lane-2')).toEqual(['envoy', 'minister']);
      expect(root.style.lineHeight).toBe('2.1');

      const showAnn = screen.getByRole('checkbox', { name: "Show ann's layer" });
      expect(screen.getByRole('checkbox', { name: "Show bob's layer" })).toHaveProperty('checked', true);
      showAnn.focus();
      await user.keyboard(' ');
      await waitFor(() => expect(registry.has('wb-lane-1')).toBe(false));
      expect(showAnn).toHaveProperty('checked', false);
      expect(lane('wb-lane-2')).toEqual(['envoy', 'minister']);
      await user.keyboard(' ');
      await waitFor(() => expect(lane('wb-lane-1')).toEqual(['envoy']));

      // Taking bob's "minister" into gold re-renders its paragraph (a highlight there now): its lane is drawn anew.
      const panel = screen.getByRole('group', { name: 'Curation' });
      await waitFor(() => expect(within(panel).getByRole('heading', { level: 3 }).textContent).toMatch(/“minister”/));
      panel.focus();
      await user.keyboard('2');
      await waitFor(() => expect(root.querySelector('[data-paragraph="2"] [data-span-ids]')?.textContent).toBe('minister'));
      await waitFor(() => expect(lane('wb-lane-2')).toEqual(['envoy', 'minister']));

      // Another tab: no lanes, the text's own line height.
      await user.click(screen.getByRole('tab', { name: /^Spans/ }));
      await waitFor(() => expect([...registry.keys()].filter((name) => name.startsWith('wb-lane-'))).toEqual([]));
      expect(root.style.lineHeight).toBe('');
    } finally {
      Object.assign(g, { Highlight: saved.Highlight, IntersectionObserver: saved.IntersectionObserver });
      if (saved.CSS) Object.defineProperty(g, 'CSS', saved.CSS);
      else delete (g as { CSS?: object }).CSS;
    }
  });
});
