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
import type { DocumentSlice, SliceCreator, WorkbenchState } from './types';

export function labelIdSet(s: WorkbenchState): Set<string> {
  return new Set(selectLabels(s).map((l) => l.id));
}

export const createDocumentSlice: SliceCreator<DocumentSlice> = (set, get, { api, now, newId }) => {
  const editContext = (): EditContext | null => {
    const s = get();
    const { article } = documentOf(s);
    return article && { article, labels: selectLabels(s), settings: s.workspace?.settings, now, newId };
  };
  const runPlanned = (planner: (ctx: EditContext) => EditPlan) => {
    const ctx = editContext();
    if (ctx) get().runPlan(planner(ctx));
  };
  const session = new DocumentSession({
    send: (articleId, edits) => api.editArticle({ articleId, edits: [...edits] }),
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
        // The collected layers come after the text: opening does not wait for them. Asked for
        // with it, so the service reads them while the page draws the text (bench section
        // `curation`); a failure is reported once the text is open.
        const text = api.getArticle({ id });
        const layers = api.listArticleLayers({ articleId: id });
        layers.catch(() => undefined);
        const article = await text;
        if (get().openArticleId !== id) return;
        session.open(article);
        set({ docLoading: false });
        void layers.then(
          ({ layers, spanPlaces }) => session.setLayers(id, layers, spanPlaces ?? null),
          (err: unknown) => get().openArticleId === id && get().reportError(err, 'Could not read the collected layers'),
        );
      } catch (err) {
        if (get().openArticleId !== id) return;
        set({ openArticleId: null, docLoading: false });
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
    applyLabel: (labelId) => runPlanned((ctx) => planApplyLabel(ctx, labelId, get().textSelection, get().selectedSpanId)),
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
  };
};
