/**
 * The open article and the actions that edit it. The article, its buckets, the confirmed copy,
 * the outbox and the history live in the DocumentSession (session/documentSession.ts); this
 * slice mirrors its state for React in one place (the subscription below) and turns user
 * actions into edit batches for `runEdits`, the one runner: the session applies, records and
 * sends them. There is no save button: each change is applied optimistically and saved in order.
 */
import type { Span } from '../../../shared/domain/model';
import { snapToWords, trimWhitespace } from '../../../shared/text/snap';
import { DocumentSession } from '../session/documentSession';
import { entityKindOfLabel } from '../entities/entitiesSlice';
import { selectLabels } from './workspaceSlice';
import type { DocumentSlice, SliceCreator, WorkbenchState } from './types';

export function labelIdSet(s: WorkbenchState): Set<string> {
  return new Set(selectLabels(s).map((l) => l.id));
}

export const createDocumentSlice: SliceCreator<DocumentSlice> = (set, get, { api, now, newId }) => {
  const session = new DocumentSession({
    send: (articleId, edits) => api.editArticle({ articleId, edits: [...edits] }),
    newId,
    saved: (summary) => get().upsertSummary(summary),
    refused: (err) => get().reportError(err, 'A change could not be saved and was undone'),
  });
  // The one place the session's state reaches the store. A selected span that is gone is deselected.
  session.subscribe((_change, state, removed) => {
    const { article, confirmed, paragraphs, buckets, outbox, saveError, undoStack, redoStack } = state;
    set((cur) => {
      const selected = cur.selectedSpanId;
      const gone = !!selected && (removed === 'all' ? !article?.spans.some((sp) => sp.id === selected) : removed.includes(selected));
      return { article, confirmed, paragraphs, buckets, outbox, saveError, undoStack, redoStack, ...(gone ? { selectedSpanId: null } : {}) };
    });
  });

  return {
    documentSession: session,
    openArticleId: null,
    article: null,
    confirmed: null,
    paragraphs: [],
    buckets: [],
    docLoading: false,
    outbox: [],
    saveError: null,

    openArticle: async (id) => {
      get().resetSelection();
      set({ openArticleId: id, docLoading: true });
      session.open(null);
      // Edits of this article still on their way would otherwise be missing from what we read.
      await session.whenSaved(id);
      try {
        const article = await api.getArticle({ id });
        if (get().openArticleId !== id) return;
        session.open(article);
        set({ docLoading: false });
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
      if (!s.article || !edits.length) return false;
      try {
        session.apply(edits, description, labelIdSet(s));
        return true;
      } catch (err) {
        s.reportError(err, 'That change does not fit the article');
        return false;
      }
    },

    applyLabel: (labelId) => {
      const s = get();
      if (!s.article) return;
      const sel = s.textSelection;
      if (sel && sel.anchor !== sel.focus) {
        s.createSpan(labelId, Math.min(sel.anchor, sel.focus), Math.max(sel.anchor, sel.focus));
      } else if (s.selectedSpanId) {
        s.relabelSpan(s.selectedSpanId, labelId);
      } else {
        s.showNotice('Select some text first, then choose a label.');
      }
    },

    createSpan: (labelId, start, end) => {
      const s = get();
      const article = s.article;
      const label = selectLabels(s).find((l) => l.id === labelId);
      if (!article || !label) return null;
      const snap = s.workspace?.settings.snapToWords ?? true;
      const range = snap ? snapToWords(article.text, start, end) : trimWhitespace(article.text, start, end);
      if (!range || range.end <= range.start) {
        s.showNotice('The selection has no words to label.');
        return null;
      }
      const existing = article.spans.find((sp) => sp.start === range.start && sp.end === range.end && sp.labelId === labelId);
      if (existing) {
        s.selectSpan(existing.id, { moveCaret: true });
        s.showNotice(`That text is already labelled ${label.name}.`);
        return existing.id;
      }
      const at = now();
      const span: Span = {
        id: newId('s'),
        labelId,
        start: range.start,
        end: range.end,
        annotator: s.workspace?.settings.annotator ?? '',
        createdAt: at,
        updatedAt: at,
      };
      if (!s.runEdits([{ type: 'addSpan', span }], `Add ${label.name}`)) return null;
      s.selectSpan(span.id, { moveCaret: true, caretAt: span.end, known: span });
      return span.id;
    },

    relabelSpan: (id, labelId) => {
      const s = get();
      const span = s.article?.spans.find((sp) => sp.id === id);
      const labels = selectLabels(s);
      const label = labels.find((l) => l.id === labelId);
      if (!span || !label || span.labelId === labelId) return;
      // A link made for the old role does not fit another (an actor entity is no concept): drop it (undo restores it).
      const oldLabel = labels.find((l) => l.id === span.labelId) ?? { id: span.labelId, name: span.labelId };
      const dropLink = !!span.entityId && entityKindOfLabel(oldLabel) !== entityKindOfLabel(label);
      s.runEdits([{ type: 'updateSpan', id, patch: { labelId, ...(dropLink ? { entityId: null } : {}), updatedAt: now() } }], `Change label to ${label.name}`);
    },

    setSpanNote: (id, note) => {
      const s = get();
      const span = s.article?.spans.find((sp) => sp.id === id);
      const value = note.trim();
      if (!span || (span.note ?? '') === value) return;
      s.runEdits([{ type: 'updateSpan', id, patch: { note: value, updatedAt: now() } }], value ? 'Edit note' : 'Remove note');
    },

    deleteSpan: (id) => {
      const s = get();
      const span = s.article?.spans.find((sp) => sp.id === id);
      if (!span) return;
      // A span that statements use goes only with them, after the user confirms.
      if (s.article!.statements.some((st) => st.actorSpanId === id || st.claimSpanId === id || st.stanceSpanId === id)) {
        s.openDialog({ kind: 'deleteSpanWithStatements', spanId: id });
        return;
      }
      if (s.runEdits([{ type: 'removeSpan', id }], 'Delete span'))
        s.setTextSelection({ anchor: span.start, focus: span.start });
    },

    toggleDone: () => {
      const s = get();
      if (!s.article) return;
      const done = s.article.status === 'done';
      s.runEdits([{ type: 'setStatus', status: done ? 'in_progress' : 'done' }], done ? 'Reopen article' : 'Mark done');
    },

    whenSaved: (articleId) => session.whenSaved(articleId),
  };
};
