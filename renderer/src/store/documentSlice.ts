/**
 * The open article and everything that edits it. There is no save button: each change is
 * applied optimistically with `applyEdits` and put in an outbox that sends one batch at a
 * time (so the service sees edits in the order they were made). When the service refuses a
 * batch, the article falls back to the last acknowledged state plus the batches still
 * waiting that still fit, and the error is shown.
 */
import { applyEdits, invertEdits, type Edit } from '../../../shared/domain/edits';
import type { Article, Span } from '../../../shared/domain/model';
import { snapToWords, trimWhitespace } from '../../../shared/text/snap';
import type { Bucket, TextRange } from '../document/paragraphBuckets';
import { DocumentSession } from '../session/documentSession';
import { entityKindOfLabel } from '../entities/entitiesSlice';
import type { HistoryEffect } from './historySlice';
import { selectLabels } from './workspaceSlice';
import type { SliceCreator, WorkbenchState } from './types';

export interface PendingBatch {
  id: string;
  articleId: string;
  edits: Edit[];
  effect: HistoryEffect;
}

export type SendEffect = { kind: 'record'; description: string } | { kind: 'undo'; entryId: string } | { kind: 'redo'; entryId: string };

export interface DocumentSlice {
  /**
   * Owns `article`, `paragraphs` and `buckets` (set them only from its results, so the buckets
   * always match the article).
   */
  documentSession: DocumentSession;
  openArticleId: string | null;
  /** The article as the user sees it (acknowledged state plus pending edits). */
  article: Article | null;
  /** The article as the service last acknowledged it. */
  confirmed: Article | null;
  paragraphs: readonly TextRange[];
  /** Spans per paragraph; a bucket keeps its identity while its spans are unchanged. */
  buckets: readonly Bucket[];
  docLoading: boolean;
  /** Batches not yet acknowledged, in order; the first one is being sent. */
  outbox: readonly PendingBatch[];
  /** Set when the last save failed; cleared by the next successful one. */
  saveError: string | null;

  openArticle(id: string): Promise<void>;
  closeArticle(): void;
  /** Apply and send a batch. Resolves false (error shown) when it does not fit the article. */
  sendEdits(edits: Edit[], effect: SendEffect): boolean;
  /** Apply a label: create a span from the text selection, or relabel the selected span. */
  applyLabel(labelId: string): void;
  createSpan(labelId: string, start: number, end: number): string | null;
  relabelSpan(id: string, labelId: string): void;
  setSpanNote(id: string, note: string): void;
  deleteSpan(id: string): void;
  toggleDone(): void;
  /** Resolves once every pending batch of the article has been answered. */
  whenSaved(articleId?: string): Promise<void>;
}

function labelIdSet(s: WorkbenchState): Set<string> {
  return new Set(selectLabels(s).map((l) => l.id));
}

export const createDocumentSlice: SliceCreator<DocumentSlice> = (set, get, { api, now, newId }) => {
  const session = new DocumentSession();
  let sending = false;
  let waiters: (() => void)[] = [];
  const notify = () => {
    const w = waiters;
    waiters = [];
    w.forEach((f) => f());
  };

  /** Send the outbox's first batch; then the next, and so on, one at a time. */
  const pump = async () => {
    if (sending) return;
    const batch = get().outbox[0];
    if (!batch) return;
    sending = true;
    try {
      const summary = await api.editArticle({ articleId: batch.articleId, edits: batch.edits });
      acknowledged(batch);
      get().upsertSummary(summary);
    } catch (err) {
      refused(batch, err);
    } finally {
      sending = false;
      notify();
      void pump();
    }
  };

  const acknowledged = (batch: PendingBatch) => {
    const s = get();
    const outbox = s.outbox.filter((b) => b.id !== batch.id);
    if (s.openArticleId === batch.articleId && s.confirmed) {
      // The shown article is the confirmed one with the outbox's batches applied; with none
      // left it *is* the confirmed one. Taking it saves replaying the batch, and a copy of
      // every span (the usual case: each label key is answered before the next).
      if (s.article && !outbox.some((b) => b.articleId === batch.articleId)) return set({ outbox, confirmed: s.article, saveError: null });
      let confirmed = s.confirmed;
      try {
        confirmed = applyEdits(s.confirmed, batch.edits);
      } catch {
        // The service accepted what we could not replay; the next open reloads from the service.
      }
      set({ outbox, confirmed, saveError: null });
    } else set({ outbox, saveError: null });
  };

  const refused = (batch: PendingBatch, err: unknown) => {
    const s = get();
    s.reportError(err, 'A change could not be saved and was undone');
    const rest = s.outbox.filter((b) => b.id !== batch.id);
    const dropped: PendingBatch[] = [];
    const kept: PendingBatch[] = [];
    const isOpen = s.openArticleId === batch.articleId && s.confirmed;
    let state = s.confirmed;
    const labels = labelIdSet(s);
    for (const b of rest) {
      if (b.articleId !== batch.articleId) kept.push(b);
      else if (!isOpen || !state) dropped.push(b);
      else {
        try {
          state = applyEdits(state, b.edits, labels);
          kept.push(b);
        } catch {
          dropped.push(b);
        }
      }
    }
    for (const b of dropped.reverse()) s.revertHistoryEffect(b.effect);
    s.revertHistoryEffect(batch.effect);
    const saveError = 'Changes not saved';
    if (isOpen && state) {
      const view = session.replace(state);
      set((cur) => ({
        outbox: kept,
        saveError,
        ...view,
        selectedSpanId:
          cur.selectedSpanId && view.article!.spans.some((sp) => sp.id === cur.selectedSpanId) ? cur.selectedSpanId : null,
      }));
    } else set({ outbox: kept, saveError });
  };

  return {
    documentSession: session,
    openArticleId: null,
    ...session.state,
    confirmed: null,
    docLoading: false,
    outbox: [],
    saveError: null,

    openArticle: async (id) => {
      get().resetHistory();
      get().resetSelection();
      set({ openArticleId: id, docLoading: true, ...session.open(null), confirmed: null });
      // Edits of this article still on their way would otherwise be missing from what we read.
      await get().whenSaved(id);
      try {
        const article = await api.getArticle({ id });
        if (get().openArticleId !== id) return;
        set({ ...session.open(article), confirmed: article, docLoading: false });
      } catch (err) {
        if (get().openArticleId !== id) return;
        set({ openArticleId: null, docLoading: false });
        get().reportError(err, 'Could not open the article');
      }
    },

    closeArticle: () => {
      get().resetHistory();
      get().resetSelection();
      set({ openArticleId: null, ...session.open(null), confirmed: null, docLoading: false });
    },

    sendEdits: (edits, sendEffect) => {
      const s = get();
      const before = s.article;
      if (!before || !edits.length) return false;
      let view: ReturnType<DocumentSession['apply']>;
      try {
        view = session.apply(edits, labelIdSet(s));
      } catch (err) {
        s.reportError(err, 'That change does not fit the article');
        return false;
      }
      const effect: HistoryEffect =
        sendEffect.kind === 'record'
          ? {
              kind: 'record',
              entry: { id: newId('h'), articleId: before.id, description: sendEffect.description, edits, inverse: invertEdits(before, edits) },
            }
          : sendEffect;
      const batch: PendingBatch = { id: newId('b'), articleId: before.id, edits, effect };
      set((cur) => ({
        ...view,
        outbox: [...cur.outbox, batch],
        selectedSpanId:
          cur.selectedSpanId && edits.some((e) => e.type === 'removeSpan' && e.id === cur.selectedSpanId) ? null : cur.selectedSpanId,
      }));
      s.applyHistoryEffect(effect);
      void pump();
      return true;
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
      if (!s.sendEdits([{ type: 'addSpan', span }], { kind: 'record', description: `Add ${label.name}` })) return null;
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
      s.sendEdits([{ type: 'updateSpan', id, patch: { labelId, ...(dropLink ? { entityId: null } : {}), updatedAt: now() } }], {
        kind: 'record',
        description: `Change label to ${label.name}`,
      });
    },

    setSpanNote: (id, note) => {
      const s = get();
      const span = s.article?.spans.find((sp) => sp.id === id);
      const value = note.trim();
      if (!span || (span.note ?? '') === value) return;
      s.sendEdits([{ type: 'updateSpan', id, patch: { note: value, updatedAt: now() } }], {
        kind: 'record',
        description: value ? 'Edit note' : 'Remove note',
      });
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
      if (s.sendEdits([{ type: 'removeSpan', id }], { kind: 'record', description: 'Delete span' }))
        s.setTextSelection({ anchor: span.start, focus: span.start });
    },

    toggleDone: () => {
      const s = get();
      if (!s.article) return;
      const done = s.article.status === 'done';
      s.sendEdits([{ type: 'setStatus', status: done ? 'in_progress' : 'done' }], {
        kind: 'record',
        description: done ? 'Reopen article' : 'Mark done',
      });
    },

    whenSaved: (articleId) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!get().outbox.some((b) => articleId === undefined || b.articleId === articleId)) resolve();
          else waiters.push(check);
        };
        check();
      }),
  };
};
