/**
 * The article text: one <Paragraph> per line of the text, inside a focusable region named
 * "Article text". Reads the browser selection (mouse) into the store, mirrors a keyboard
 * selection back into the browser selection, shows the pending selection with a CSS custom
 * highlight while focus is elsewhere (e.g. on a label button), routes clicks on highlights
 * to span selection, and scrolls to the span or caret the store asks for. While the Curation tab
 * is shown, the annotators' layers are drawn over the text as lanes (curation/TextLanes).
 */
import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Label } from '../../../shared/domain/model';
import { useDocument, useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { documentOf } from '../store/documentState';
import { selectLabels } from '../store/workspaceSlice';
import type { WorkbenchStore } from '../store/createWorkbenchStore';
import { Paragraph } from './Paragraph';
import { paragraphAt, type TextRange } from '../session/paragraphBuckets';
import { createParagraphHub, type ParagraphHub } from './paragraphSubscriptions';
import { chunkAtOffset, chunkCount, chunkParagraphs, estimatedHeightEm, paragraphElement } from './paragraphChunks';
import { createChunkActivity, type ChunkActivity } from './chunkActivity';
import { moveSelection } from './caretMotion';
import { useLinkedSpanChunks } from '../statements/useLinkedSpanChunks';
import { TextLanes } from '../curation/TextLanes';
import { offsetToPoint, selectionToOffsets, type DomPoint } from './selectionOffsets';
import { frames } from '../scheduling/appScheduler';
import { WAIT_FOR_FRAME, type Cancel, type InputKind, type RunCause } from '../scheduling/frameScheduler';

export const ARTICLE_TEXT_ID = 'article-text';
/** Chunks rendered before the first paint (~4 screens of text). */
const FIRST_CHUNKS = 4;
/** Chunks that draw their highlights before the first paint (the rest once near the viewport). */
const FIRST_ACTIVE_CHUNKS = 1;

/** Move focus back to the text region (after a note was saved, a dialog closed...). */
export function focusArticleText(): void {
  document.getElementById(ARTICLE_TEXT_ID)?.focus({ preventScroll: true });
}

function pointAt(root: HTMLElement, paragraphs: readonly TextRange[], offset: number): DomPoint | null {
  if (!paragraphs.length) return null;
  const el = paragraphElement(root, paragraphAt(paragraphs, offset));
  return el ? offsetToPoint(el, offset) : null;
}

/** Put the browser selection on these offsets unless it is there already. */
function showSelection(root: HTMLElement, paragraphs: readonly TextRange[], selection: { anchor: number; focus: number }, sel: Selection): void {
  const a = pointAt(root, paragraphs, selection.anchor);
  const f = selection.anchor === selection.focus ? a : pointAt(root, paragraphs, selection.focus);
  if (!a || !f) return;
  const current = selectionToOffsets(root, sel);
  if (current && current.anchor === selection.anchor && current.focus === selection.focus) return;
  try {
    sel.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
  } catch {
    // A node replaced during this render; the next change will set it again.
  }
}

const HIGHLIGHT_NAME = 'wb-selection';

type HighlightRegistry = { set(name: string, h: unknown): void; delete(name: string): void };
function highlightRegistry(): HighlightRegistry | null {
  const css = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  return css?.highlights && typeof (globalThis as { Highlight?: unknown }).Highlight === 'function' ? css.highlights : null;
}

/** Where a browser selection starts and ends, to tell whether it changed. */
type SelectionPoints = readonly [Node | null, number, Node | null, number];
const selectionPoints = (sel: Selection | null): SelectionPoints | null => (sel ? [sel.anchorNode, sel.anchorOffset, sel.focusNode, sel.focusOffset] : null);
const samePoints = (a: SelectionPoints | null, b: SelectionPoints | null) => a === b || (!!a && !!b && a.every((v, i) => v === b[i]));

/** Keeps the store's selection and the browser's in step; a component of its own so selection changes never re-render the text. */
function SelectionSync({
  store,
  rootRef,
  activity,
}: {
  store: WorkbenchStore;
  rootRef: React.RefObject<HTMLDivElement | null>;
  activity: ChunkActivity;
}) {
  const textSelection = useWorkbench((s) => s.textSelection);
  const origin = useWorkbench((s) => s.selectionOrigin);
  const paragraphs = useDocument((doc) => doc.paragraphs);
  // A store selection not yet written into the browser's (see below), and the browser's
  // selection as it was when the write was put off: React had just replaced text nodes, which
  // collapses or moves a selection in them. While that stale selection stays as it was, it is
  // not read back; once something else changes it (a test or assistive technology selecting
  // text without a key or pointer press), the waiting write is dropped and the new one read.
  const pendingWrite = useRef<object | null>(null);
  const staleSelection = useRef<SelectionPoints | null>(null);
  // The browser's selection as the store last read or wrote it: a key press that finds another
  // one reads it first (below).
  const lastSeen = useRef<SelectionPoints | null>(null);

  // Browser selection → store (mouse, double click, Shift+click...), in the next frame. A key
  // pressed before it reads a selection the user just made (double click, then "1" at once)
  // first (the frame scheduler settles frame work before any key handler runs).
  useEffect(() => {
    let cancelRead: Cancel | null = null;
    const read = () => {
      cancelRead = null;
      const root = rootRef.current;
      if (!root || pendingWrite.current) return;
      const sel = document.getSelection();
      lastSeen.current = selectionPoints(sel);
      const offsets = selectionToOffsets(root, sel);
      if (offsets) store.getState().setSelectionFromDom(offsets);
    };
    const onChange = () => {
      // Now, not in the frame: the waiting write's frame task would run first.
      if (pendingWrite.current && !isStale(document.getSelection())) pendingWrite.current = null;
      // The echo of the selection last read or written (a label key's collapsed selection):
      // the store has it already, and reading it would cost a frame of its own.
      else if (!pendingWrite.current && samePoints(lastSeen.current, selectionPoints(document.getSelection()))) return;
      cancelRead ??= frames().nextFrame(read, { pointer: 'wait' });
    };
    const isStale = (sel: Selection | null) => !sel || samePoints(staleSelection.current, selectionPoints(sel));
    // `selectionchange` is a task of its own: a selection made by script (a test, assistive
    // technology) and a key pressed at once reach the page key first. So at every key press, a
    // selection other than the one last seen (and not the stale one a waiting write replaces)
    // is taken as changed now; the scheduler then runs the read before the key's handlers.
    const catchUp = (kind: InputKind) => {
      if (kind !== 'key') return;
      const sel = document.getSelection();
      if (samePoints(lastSeen.current, selectionPoints(sel)) || (pendingWrite.current && isStale(sel))) return;
      onChange();
    };
    const stopCatchUp = frames().beforeInput(catchUp);
    document.addEventListener('selectionchange', onChange);
    return () => {
      document.removeEventListener('selectionchange', onChange);
      stopCatchUp();
      cancelRead?.();
    };
  }, [store, rootRef]);

  // Store → browser selection, for selections made with the keyboard or by commands. Not
  // during the commit but in the next animation frame, before it paints: a selection set while
  // React's DOM changes are fresh makes Chromium lay out the article there and then, and again
  // for the paint (~15 ms deep in a 1 MB article, on every label key). A key press does a
  // waiting write at once and a pointer press drops it (it starts a selection of the user's
  // own), so no input ever meets the two selections disagreeing.
  useLayoutEffect(() => {
    if (origin !== 'program') return;
    const token = {};
    const write = (cause: RunCause) => {
      if (pendingWrite.current !== token) return;
      pendingWrite.current = null;
      const root = rootRef.current;
      const sel = document.getSelection();
      if (cause === 'pointer' || !root || !sel) return;
      // Something else selected since (a script, assistive technology) and its selectionchange
      // has not come yet: that selection wins, as when the event comes before this frame (above).
      if (!samePoints(staleSelection.current, selectionPoints(sel))) return;
      if (!textSelection) {
        if (sel.anchorNode && root.contains(sel.anchorNode)) sel.removeAllRanges();
      } else showSelection(root, paragraphs, textSelection, sel);
      lastSeen.current = selectionPoints(sel);
    };
    pendingWrite.current = token;
    staleSelection.current = selectionPoints(document.getSelection());
    const cancel = frames().nextFrame(write);
    return () => {
      cancel();
      if (pendingWrite.current === token) pendingWrite.current = null;
    };
  }, [textSelection, origin, paragraphs, rootRef]);

  // The pending selection stays visible while focus is on a button or in the side panel.
  useEffect(() => {
    const registry = highlightRegistry();
    const root = rootRef.current;
    if (!registry || !root) return;
    if (!textSelection || textSelection.anchor === textSelection.focus) {
      registry.delete(HIGHLIGHT_NAME);
      return;
    }
    const lo = Math.min(textSelection.anchor, textSelection.focus);
    const hi = Math.max(textSelection.anchor, textSelection.focus);
    const a = pointAt(root, paragraphs, lo);
    const b = pointAt(root, paragraphs, hi);
    if (!a || !b) return;
    const range = document.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    const HighlightCtor = (globalThis as unknown as { Highlight: new (...r: Range[]) => unknown }).Highlight;
    registry.set(HIGHLIGHT_NAME, new HighlightCtor(range));
  }, [textSelection, paragraphs, rootRef]);
  useEffect(() => () => highlightRegistry()?.delete(HIGHLIGHT_NAME), []);
  useScrollTarget(store, rootRef, activity);
  useLinkedSpanChunks(store, activity);
  return null;
}

function useScrollTarget(store: WorkbenchStore, rootRef: React.RefObject<HTMLDivElement | null>, activity: ChunkActivity) {
  const target = useWorkbench((s) => s.scrollTarget);
  useEffect(() => {
    const root = rootRef.current;
    if (!root || !target) return;
    if (target.spanId) {
      const spanId = target.spanId;
      const scrolled = () => {
        const el = root.querySelector(`[data-span-ids~="${CSS.escape(spanId)}"]`);
        el?.scrollIntoView?.({ block: 'center' });
        return !!el;
      };
      if (scrolled()) return;
      // Its chunk may not draw highlights yet: wake it, and scroll once it has rendered.
      const { article, paragraphs } = documentOf(store.getState());
      const span = article?.spans.find((s) => s.id === spanId);
      if (!span || !paragraphs.length) return;
      activity.activate(chunkAtOffset(paragraphs, span.start));
      let tries = 0;
      let cancel = frames().nextFrame(function again() {
        if (!scrolled() && ++tries < 10) cancel = frames().nextFrame(again, WAIT_FOR_FRAME);
      }, WAIT_FOR_FRAME);
      return () => cancel();
    }
    // The caret is positioned in the next frame (see Caret); scroll after that. There is no caret
    // while the focus is outside the text (the Curation panel showing a place): scroll to the
    // selection's focus then, and draw its chunk's highlights (they may be far from the viewport).
    return frames().nextFrame(() => {
      const caret = root.querySelector('.caret');
      if (caret) return caret.scrollIntoView?.({ block: 'nearest' });
      const { textSelection } = store.getState();
      const { paragraphs } = documentOf(store.getState());
      if (!textSelection || !paragraphs.length) return;
      activity.activate(chunkAtOffset(paragraphs, textSelection.focus));
      pointAt(root, paragraphs, textSelection.focus)?.node.parentElement?.scrollIntoView?.({ block: 'nearest' });
    }, WAIT_FOR_FRAME);
  }, [target, rootRef, store, activity]);
}

export function ArticleText() {
  const store = useWorkbenchStore();
  const rootRef = useRef<HTMLDivElement>(null);
  const text = useDocument((doc) => doc.article?.text ?? '');
  const paragraphs = useDocument((doc) => doc.paragraphs);
  const labels = useWorkbench(selectLabels);
  const labelsById = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  const lastPointerDown = useRef(0);
  const [hub] = useState(() => createParagraphHub(store));
  useEffect(() => () => hub.dispose(), [hub]);
  // Chunks draw their highlights near the viewport only; a new article starts afresh.
  const [activity, setActivity] = useState(() => createChunkActivity(FIRST_ACTIVE_CHUNKS));
  const [activityText, setActivityText] = useState(text);
  if (activityText !== text) {
    setActivityText(text);
    setActivity(createChunkActivity(FIRST_ACTIVE_CHUNKS));
  }
  useEffect(() => () => activity.dispose(), [activity]);
  // A chunk that starts drawing highlights replaces its text nodes: a browser selection in
  // them would collapse (and be read back as a new selection). Put it back before that.
  const onActivated = useCallback(() => {
    const root = rootRef.current;
    const sel = document.getSelection();
    const { textSelection } = store.getState();
    const { paragraphs } = documentOf(store.getState());
    if (root && sel?.anchorNode && textSelection && root.contains(sel.anchorNode)) showSelection(root, paragraphs, textSelection, sel);
  }, [store]);
  const total = chunkCount(paragraphs.length);
  // A long article shows its first screens at once and renders the rest in an interruptible
  // transition, so opening a 1 MB article does not freeze the window.
  const [shown, setShown] = useState(() => Math.min(total, FIRST_CHUNKS));
  useEffect(() => {
    if (shown < total) startTransition(() => setShown(total));
  }, [shown, total]);
  // The open article's spans are asked for once its whole text is drawn (store/documentSlice.ts).
  const articleId = useDocument((doc) => doc.article?.id ?? null);
  useEffect(() => {
    store.getState().setTextDrawing(articleId && shown < total ? articleId : null);
  }, [store, articleId, shown, total]);
  useEffect(() => () => store.getState().setTextDrawing(null), [store]);


  const onClick = (e: React.MouseEvent) => {
    const root = rootRef.current;
    const sel = document.getSelection();
    // The end of a drag is a selection, not a click on a span.
    if (root && sel && !sel.isCollapsed && sel.anchorNode && root.contains(sel.anchorNode)) return;
    const hit = (e.target as HTMLElement).closest?.('[data-span-ids]') as HTMLElement | null;
    const state = store.getState();
    if (hit?.dataset.spanIds) state.clickSpans(hit.dataset.spanIds.split(' '));
    else if (state.selectedSpanId) state.selectSpan(null);
  };

  const onFocus = () => {
    const state = store.getState();
    state.setTextFocused(true);
    // Focus by keyboard (Tab) puts the caret on the first word; a click places it itself.
    const { article, paragraphs } = documentOf(state);
    if (!state.textSelection && Date.now() - lastPointerDown.current > 300 && article) {
      state.setSelectionFromDom(moveSelection(article.text, paragraphs, null, 'textStart', false));
    }
  };

  return (
    <div
      id={ARTICLE_TEXT_ID}
      ref={rootRef}
      className="article-text"
      role="document"
      aria-label="Article text"
      aria-roledescription="annotatable text"
      aria-describedby="article-text-help"
      tabIndex={0}
      onClick={onClick}
      onPointerDown={() => (lastPointerDown.current = Date.now())}
      onFocus={onFocus}
      onBlur={() => store.getState().setTextFocused(false)}
    >
      {Array.from({ length: Math.min(shown, total) }, (_, c) => (
        <ParagraphChunk key={c} hub={hub} activity={activity} onActivated={onActivated} chunk={c} paragraphs={paragraphs} text={text} labelsById={labelsById} />
      ))}
      <SelectionSync store={store} rootRef={rootRef} activity={activity} />
      <TextLanes rootRef={rootRef} />
    </div>
  );
}

const ParagraphChunk = memo(function ParagraphChunk({
  hub,
  activity,
  onActivated,
  chunk,
  paragraphs,
  text,
  labelsById,
}: {
  hub: ParagraphHub;
  activity: ChunkActivity;
  onActivated(): void;
  chunk: number;
  paragraphs: readonly TextRange[];
  text: string;
  labelsById: ReadonlyMap<string, Label>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const subscribe = useCallback((listener: () => void) => activity.subscribe(chunk, listener), [activity, chunk]);
  const active = useSyncExternalStore(subscribe, () => activity.isActive(chunk));
  useEffect(() => (ref.current && !active ? activity.observe(ref.current, chunk) : undefined), [activity, chunk, active]);
  const wasActive = useRef(active);
  useLayoutEffect(() => {
    if (active && !wasActive.current) onActivated();
    wasActive.current = active;
  }, [active, onActivated]);
  const { from, to } = chunkParagraphs(chunk, paragraphs.length);
  const items = [];
  for (let i = from; i < to; i++)
    items.push(<Paragraph key={i} hub={hub} index={i} range={paragraphs[i]} text={text} labelsById={labelsById} active={active} />);
  return (
    <div ref={ref} className="para-chunk" style={{ containIntrinsicSize: `auto ${estimatedHeightEm(paragraphs, from, to)}em` }}>
      {items}
    </div>
  );
});
