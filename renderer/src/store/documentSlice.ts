/**
 * The open article and the actions that edit it. The article, its buckets, the confirmed copy,
 * the outbox and the history live in the DocumentSession (session/documentSession.ts) and are
 * read from it (`documentOf`, `useDocument`), never copied into the store. This slice opens and
 * closes articles and turns user actions into edit batches for `runEdits`, the one runner: the
 * session applies, records and sends them. There is no save button: each change is applied
 * optimistically and saved in order.
 */
import { DocumentSession } from '../session/documentSession';
import { planApplyLabel, planCreateSpan, planDeleteSpan, planNote, planRelabel, planToggleDone, type EditContext, type EditPlan } from '../commands/spanEdits';
import { selectLabels } from './workspaceSlice';
import { documentOf } from './documentState';
import { frames } from '../scheduling/appScheduler';
import type { DocumentSlice, SliceCreator, WorkbenchState } from './types';

export function labelIdSet(s: WorkbenchState): Set<string> {
  return new Set(selectLabels(s).map((l) => l.id));
}

/** How long an edit waits for the frame that shows it before it is sent anyway (a hidden window has no frames). */
const SEND_AT_LATEST_MS = 100;

export const createDocumentSlice: SliceCreator<DocumentSlice> = (set, get, { api, now, newId }) => {
  const editContext = (): EditContext | null => {
    const s = get();
    const { article } = documentOf(s);
    return article && { article, labels: selectLabels(s), settings: s.workspace?.settings, now, newId };
  };
  /**
   * Plan and run a command. While the open article's spans are still on their way (just opened:
   * see openArticle), it runs once they are in, with what the command was given now (a label
   * key pressed the moment the text shows is not lost).
   */
  /** Resolves the open being held until the text view has drawn the whole text (setTextDrawing). */
  let textDrawn: (() => void) | null = null;
  const afterAnnotations = (task: (state: WorkbenchState) => void) => {
    if (!session.getState().annotationsPending) return task(get());
    const articleId = get().openArticleId;
    void session.whenAnnotated().then(() => {
      if (get().openArticleId === articleId && !session.getState().annotationsPending) task(get());
    });
  };
  const runPlanned = (planner: (ctx: EditContext) => EditPlan) =>
    afterAnnotations(() => {
      const ctx = editContext();
      if (ctx) get().runPlan(planner(ctx));
    });
  const session = new DocumentSession({
    // Sent once the frame showing the edit is painted: handing a batch to the transport (a
    // fetch, or IPC's structured clone) inside the key's handler held the highlight back by
    // that much. A key pressed before then sends it first (the scheduler settles after-paint
    // work before any input), and a window that gets no frames (hidden) sends it after
    // SEND_AT_LATEST_MS; the batch is in the outbox meanwhile, as while it travels.
    send: (articleId, edits) =>
      new Promise((resolve, reject) =>
        frames().afterPaint(() => api.editArticle({ articleId, edits: [...edits] }).then(resolve, reject), { atLatestMs: SEND_AT_LATEST_MS }),
      ),
    newId,
    saved: (summary) => get().upsertSummary(summary),
    refused: (err) => get().reportError(err, 'A change could not be saved and was undone'),
  });
  // The one rule joining the document to the selection: a selected span that is gone is
  // deselected. Subscribed first, so it has run before any component reads the new state.
  session.subscribe((_change, state, removed) => {
    const selected = get().selectedSpanId;
    if (!selected) return;
    const gone = removed === 'all' ? !state.article?.spans.some((sp) => sp.id === selected) : removed.includes(selected);
    if (gone) set({ selectedSpanId: null });
  });

  return {
    documentSession: session,
    openArticleId: null,
    docLoading: false,

    openArticle: async (id) => {
      get().resetSelection();
      set({ openArticleId: id, docLoading: true });
      session.open(null);
      // Edits of this article still on their way would otherwise be missing from what we read.
      await session.whenSaved(id);
      try {
        // The text first, its spans and statements after it is painted (bench section `browser`:
        // an article with 20,000 spans opens about as fast as its text alone); the collected
        // layers are asked for with the text, so the service reads them while the page draws it
        // (bench section `curation`). A failure of either is reported once the text is open.
        const text = api.getArticle({ id, withoutAnnotations: true });
        const layers = api.listArticleLayers({ articleId: id });
        layers.catch(() => undefined);
        // An article with collected layers opens for curation, which needs its spans with the
        // layers: ask for them at once rather than after the text is painted.
        const early = id in get().curationProgress ? api.getArticleAnnotations({ id }) : null;
        early?.catch(() => undefined);
        const article = await text;
        if (get().openArticleId !== id) return;
        session.openText(article);
        set({ docLoading: false });
        void layers.then(
          ({ layers, spanPlaces }) => session.setLayers(id, layers, spanPlaces ?? null),
          (err: unknown) => get().openArticleId === id && get().reportError(err, 'Could not read the collected layers'),
        );
        if (!early) {
          await new Promise<void>((resolve) => frames().afterPaint(() => resolve()));
          // A long text draws its first screens at once and the rest in a transition: the spans
          // after that, so reading them does not hold the rest of the text back.
          if (get().textDrawing === id) await new Promise<void>((resolve) => (textDrawn = resolve));
        }
        if (get().openArticleId !== id) return;
        const annotations = await (early ?? api.getArticleAnnotations({ id }));
        // In a frame task: a selection the user made meanwhile is read first (its read is queued
        // before), as a key press would have it read.
        await new Promise<void>((resolve) => frames().nextFrame(() => resolve()));
        if (get().openArticleId !== id) return;
        if (session.completeAnnotations(id, annotations.updatedAt, annotations.spans, annotations.statements)) {
          // Drawing the highlights replaces the text nodes that selection sits in: put it back.
          const selection = get().textSelection;
          if (selection && selection.anchor !== selection.focus) get().setTextSelection({ ...selection });
          return;
        }
        // The article changed between the two reads (another window's edit): open it whole.
        const whole = await api.getArticle({ id });
        if (get().openArticleId === id) session.open(whole);
      } catch (err) {
        if (get().openArticleId !== id) return;
        set({ openArticleId: null, docLoading: false });
        session.open(null);
        get().reportError(err, 'Could not open the article');
      }
    },

    closeArticle: () => {
      get().resetSelection();
      set({ openArticleId: null, docLoading: false });
      session.open(null);
    },

    runEdits: (edits, description) => {
      const s = get();
      if (!session.getState().article || !edits.length) return false;
      if (session.getState().annotationsPending) {
        s.showNotice('The annotations are still loading; try again in a moment');
        return false;
      }
      try {
        session.apply(edits, description, labelIdSet(s));
        return true;
      } catch (err) {
        s.reportError(err, 'That change does not fit the article');
        return false;
      }
    },

    runPlan: (plan) => {
      const s = get();
      if (plan.ask) {
        s.openDialog(plan.ask);
        return false;
      }
      if (plan.edit && !s.runEdits(plan.edit.edits, plan.edit.description)) return false;
      if (plan.caretAt !== undefined) s.setTextSelection({ anchor: plan.caretAt, focus: plan.caretAt });
      if (plan.select) s.selectSpan(plan.select.spanId, { moveCaret: true, ...(plan.select.caretAt !== undefined ? { caretAt: plan.select.caretAt } : {}), ...(plan.select.known ? { known: plan.select.known } : {}) });
      if (plan.notice) s.showNotice(plan.notice);
      return true;
    },

    editContext,
    applyLabel: (labelId) => {
      // The selection as it is at the key press, even when the plan runs later (runPlanned).
      const { textSelection, selectedSpanId } = get();
      runPlanned((ctx) => planApplyLabel(ctx, labelId, textSelection, selectedSpanId));
    },
    createSpan: (labelId, start, end) => {
      const ctx = editContext();
      const plan = ctx && planCreateSpan(ctx, labelId, start, end);
      return plan && get().runPlan(plan) ? (plan.select?.spanId ?? null) : null;
    },
    relabelSpan: (id, labelId) => runPlanned((ctx) => planRelabel(ctx, id, labelId)),
    setSpanNote: (id, note) => runPlanned((ctx) => planNote(ctx, id, note)),
    deleteSpan: (id) => runPlanned((ctx) => planDeleteSpan(ctx, id)),
    toggleDone: () => runPlanned(planToggleDone),

    whenSaved: (articleId) => session.whenSaved(articleId),
    textDrawing: null,
    setTextDrawing: (articleId) => {
      if (get().textDrawing === articleId) return;
      set({ textDrawing: articleId });
      const waiting = textDrawn;
      textDrawn = null;
      waiting?.();
    },
    afterAnnotations,
  };
};
