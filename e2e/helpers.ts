/**
 * What the specs do to the app, by role and accessible name: find the main regions, open an
 * article, select text (programmatically over the text nodes, or by dragging the real mouse),
 * and read what the service stored. Highlights are found by the `data-span-ids` attribute the
 * text region puts on every piece of highlighted text (a highlight has no role of its own).
 */
import type { Locator, Page } from '@playwright/test';
import type { Article } from '../shared/domain/model';
import { expect, type Workbench } from './fixtures';

export const SAMPLE_TITLE = 'Iranian and Japanese diplomats discuss Syria';
export const SAMPLE_SOURCE = 'Mehr News Agency (CC BY 4.0)';

export const articleText = (page: Page): Locator => page.getByRole('document', { name: 'Article text' });
export const spansPanel = (page: Page): Locator => page.getByRole('region', { name: 'Spans' });
export const selectedSpanCard = (page: Page): Locator => page.getByRole('region', { name: 'Selected span' });
export const labelButton = (page: Page, name: 'Actor' | 'Stance' | 'Claim'): Locator =>
  page.getByRole('group', { name: 'Labels' }).getByRole('button', { name, exact: true });
export const libraryRow = (page: Page, title: string): Locator =>
  page.getByRole('table', { name: 'Articles' }).getByRole('row').filter({ has: page.getByRole('button', { name: title, exact: true }) });
/** The entry of a span in the Spans panel: a button named "<Label>: <text>" in its label's list. */
export const spanEntry = (page: Page, label: string, text: string): Locator =>
  spansPanel(page)
    .getByRole('list', { name: new RegExp(`^${label}\\b`) })
    .getByRole('button', { name: `${label}: ${text}`, exact: true });
export const spanEntries = (page: Page): Locator => spansPanel(page).getByRole('listitem');

/** The library is showing (after start, reopen, or "Back to library"). */
export async function expectLibrary(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
}

/** Click an article's title in the library and wait for its text. */
export async function openArticle(page: Page, title: string): Promise<void> {
  await page.getByRole('table', { name: 'Articles' }).getByRole('button', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(articleText(page)).toBeVisible();
}

/** Add an article through the API, reload so the library lists it, and return its id. */
export async function addArticle(
  workbench: Workbench,
  article: { title: string; text: string; source?: string; url?: string; date?: string },
): Promise<string> {
  const summary = await workbench.api('createArticle', article);
  await workbench.page.reload();
  await expectLibrary(workbench.page);
  return summary.id;
}

export async function getArticle(workbench: Workbench, id: string): Promise<Article> {
  return workbench.api('getArticle', { id });
}

/** Every stored span as "<label>:<text>" (in the stored order), for comparisons. */
export function storedSpans(article: Article): string[] {
  return article.spans.map((s) => `${s.labelId}:${article.text.slice(s.start, s.end)}`);
}

/** Let the renderer see the selection (it reads selectionchange in an animation frame). */
export async function nextFrames(page: Page, frames = 2): Promise<void> {
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
        step(n);
      }),
    frames,
  );
}

export interface TextTarget {
  /** The text to select. */
  text: string;
  /** Look for `text` only inside the first occurrence of this (e.g. "hran" inside "Tehran said"). */
  inside?: string;
  /** Which occurrence (0-based) of `inside`, or of `text` when there is no `inside`. */
  occurrence?: number;
}

/**
 * Select text in the article region the way a script can: a DOM selection over its text
 * nodes (the text must lie within one paragraph). Then wait until the renderer has read it.
 */
export async function selectText(page: Page, target: TextTarget): Promise<void> {
  await articleText(page).evaluate((root, t) => {
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    const starts: number[] = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      starts.push(all.length);
      nodes.push(n as Text);
      all += (n as Text).data;
    }
    const find = (needle: string, from: number, occurrence: number) => {
      let at = from - 1;
      for (let k = 0; k <= occurrence; k++) {
        at = all.indexOf(needle, at + 1);
        if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the article text`);
      }
      return at;
    };
    const outer = t.inside ? find(t.inside, 0, t.occurrence ?? 0) : -1;
    const start = t.inside ? outer + t.inside.indexOf(t.text) : find(t.text, 0, t.occurrence ?? 0);
    if (t.inside && t.inside.indexOf(t.text) < 0) throw new Error(`"${t.text}" is not inside "${t.inside}"`);
    const end = start + t.text.length;
    // Start: the node holding the first character; end: the node holding the last one.
    const point = (offset: number, isEnd: boolean) => {
      for (let i = 0; i < nodes.length; i++) {
        const s = starts[i];
        const e = s + nodes[i].data.length;
        if (isEnd ? offset > s && offset <= e : offset >= s && offset < e) return { node: nodes[i], offset: offset - s };
      }
      throw new Error(`offset ${offset} is outside the text`);
    };
    const a = point(start, false);
    const b = point(end, true);
    root.ownerDocument.getSelection()!.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
  }, target);
  await nextFrames(page);
}

/**
 * Drag the real mouse over `target`: press at the inline-start edge of its first character,
 * release at the inline-end edge of its last (right-to-left text is dragged from right to left).
 */
export async function dragSelect(page: Page, target: TextTarget): Promise<void> {
  const points = await articleText(page).evaluate((root, t) => {
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    const starts: number[] = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      starts.push(all.length);
      nodes.push(n as Text);
      all += (n as Text).data;
    }
    const find = (needle: string, occurrence: number) => {
      let at = -1;
      for (let k = 0; k <= occurrence; k++) {
        at = all.indexOf(needle, at + 1);
        if (at < 0) throw new Error(`"${needle}" is not in the article text`);
      }
      return at;
    };
    const start = t.inside ? find(t.inside, t.occurrence ?? 0) + t.inside.indexOf(t.text) : find(t.text, t.occurrence ?? 0);
    const end = start + t.text.length;
    const charRect = (offset: number) => {
      const i = starts.findLastIndex((s) => s <= offset);
      const node = nodes[i];
      const range = root.ownerDocument.createRange();
      range.setStart(node, offset - starts[i]);
      // Whole code point (a surrogate pair is one glyph).
      const code = node.data.charCodeAt(offset - starts[i]);
      range.setEnd(node, Math.min(node.data.length, offset - starts[i] + (code >= 0xd800 && code <= 0xdbff ? 2 : 1)));
      const rects = range.getClientRects();
      const rect = rects[0] ?? range.getBoundingClientRect();
      const rtl = getComputedStyle(node.parentElement!).direction === 'rtl';
      return { rect: { left: rect.left, right: rect.right, top: rect.top, height: rect.height }, rtl };
    };
    const first = charRect(start);
    const last = charRect(end - 1);
    const y = (r: { top: number; height: number }) => r.top + r.height / 2;
    return {
      from: { x: first.rtl ? first.rect.right - 1 : first.rect.left + 1, y: y(first.rect) },
      to: { x: last.rtl ? last.rect.left + 1 : last.rect.right - 1, y: y(last.rect) },
    };
  }, target);
  await page.mouse.move(points.from.x, points.from.y);
  await page.mouse.down();
  await page.mouse.move((points.from.x + points.to.x) / 2, (points.from.y + points.to.y) / 2, { steps: 3 });
  await page.mouse.move(points.to.x, points.to.y, { steps: 3 });
  await page.mouse.up();
  await nextFrames(page);
}

/** The text of every highlight piece of one span, joined: what the reader sees highlighted. */
export async function highlightedText(page: Page, spanId: string): Promise<string> {
  return articleText(page).evaluate(
    (root, id) =>
      [...root.querySelectorAll<HTMLElement>('[data-span-ids]')]
        .filter((el) => el.dataset.spanIds!.split(' ').includes(id))
        .map((el) => el.textContent)
        .join(''),
    spanId,
  );
}

/** The highlight pieces of the text region containing `text` (each piece carries its spans' label names as title). */
export const highlightsWithText = (page: Page, text: string | RegExp): Locator =>
  articleText(page).locator('[data-span-ids]', { hasText: text });

/** Press Tab until `target` has focus (a keyboard user's way to reach a control). */
export async function tabTo(page: Page, target: Locator, options: { max?: number; backwards?: boolean } = {}): Promise<void> {
  const max = options.max ?? 40;
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement).catch(() => false)) return;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reached by ${max} presses of Tab`).toBeFocused({ timeout: 100 });
}

/** Wait until every edit the renderer sent has been acknowledged ("All changes saved"). */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /changes saved|Saving|not saved/ })).toHaveText('All changes saved');
}
