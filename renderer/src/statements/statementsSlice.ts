/**
 * Statements of the open article ("actor X supports / opposes / is neutral on claim C"): the
 * statement being linked (the draft), and the edits that add, change and delete statements.
 * Every change is an edit batch through the document slice's `runEdits`, so it is saved by the
 * same outbox and undone by the same history as spans.
 */
import type { Edit } from '../../../shared/domain/edits';
import type { Statement } from '../../../shared/domain/model';
import type { SliceCreator, StatementsSlice, WorkbenchState } from '../store/types';
import { selectLabels } from '../store/workspaceSlice';
import { shorten, spanText } from '../document/spanText';
import { draftReady, pickIntoDraft, plural, POLARITY_TEXT, roleOfSpan, spanUsage, stanceBetween, type LinkDraft } from './linking';
import { documentOf } from '../store/documentState';

/** The draft, when it belongs to the open article. */
export function selectLinkDraft(s: WorkbenchState): LinkDraft | null {
  return s.linkDraft && s.linkDraft.articleId === s.openArticleId ? s.linkDraft : null;
}

/** "the two diplomats" — a span's words for messages. */
export function quoteSpan(s: WorkbenchState, spanId: string | undefined, max = 60): string {
  const { article } = documentOf(s);
  const span = spanId ? article?.spans.find((sp) => sp.id === spanId) : undefined;
  return span && article ? `“${shorten(spanText(article.text, span), max)}”` : '';
}

export const createStatementsSlice: SliceCreator<StatementsSlice> = (set, get, { now, newId }) => {
  const spanOf = (id: string | undefined) => (id ? documentOf(get()).article?.spans.find((s) => s.id === id) : undefined);

  /** Fill in the stance lying between actor and claim, unless one was picked by hand. */
  const withFoundStance = (d: LinkDraft): LinkDraft => {
    const s = get();
    const { article } = documentOf(s);
    const actor = spanOf(d.actorSpanId);
    const claim = spanOf(d.claimSpanId);
    if (!article || !actor || !claim || (d.stanceSpanId && !d.stanceFound)) return d;
    const stance = stanceBetween(article, actor, claim, selectLabels(s));
    return stance ? { ...d, stanceSpanId: stance.id, stanceFound: true } : d;
  };

  const nextStepNotice = (d: LinkDraft) => {
    const s = get();
    if (draftReady(d))
      s.showNotice(`Actor and claim picked. Choose the polarity: S support, O oppose, U neutral${d.stanceSpanId ? '' : ' (pick a Stance span first if there is one)'}.`);
    else if (!d.claimSpanId) s.showNotice('Now select the claim: click its highlight, or press N/P and then Enter (or L). Esc cancels.');
    else s.showNotice('Now select the actor: click its highlight, or press N/P and then Enter (or L). Esc cancels.');
  };

  const send = (edits: Edit[], description: string) => get().runEdits(edits, description);

  return {
    linkDraft: null,
    sideTab: 'spans',
    setSideTab: (sideTab) => set({ sideTab }),

    startLinking: (spanId) => {
      const s = get();
      const id = spanId ?? s.selectedSpanId;
      const { article } = documentOf(s);
      const span = spanOf(id ?? undefined);
      if (!article || !span) {
        s.showNotice('Select the actor span first (click it, or press N/P), then press L.');
        return;
      }
      const draft = pickIntoDraft({ articleId: article.id }, span.id, roleOfSpan(span, selectLabels(s)));
      set({ linkDraft: draft });
      nextStepNotice(draft);
    },

    pickForLink: (spanId) => {
      const s = get();
      const draft = selectLinkDraft(s);
      const span = spanOf(spanId);
      if (!draft || !span) return;
      if ([draft.actorSpanId, draft.claimSpanId].includes(spanId)) {
        s.showNotice('That span is already part of this statement; pick another one.');
        return;
      }
      const next = withFoundStance(pickIntoDraft(draft, spanId, roleOfSpan(span, selectLabels(s))));
      set({ linkDraft: next });
      nextStepNotice(next);
    },

    setLinkStance: (spanId) => {
      const draft = selectLinkDraft(get());
      if (!draft) return;
      const next: LinkDraft = { ...draft };
      delete next.stanceFound;
      if (spanId) next.stanceSpanId = spanId;
      else delete next.stanceSpanId;
      set({ linkDraft: next });
    },

    commitLink: (polarity) => {
      const s = get();
      const draft = selectLinkDraft(s);
      const { article } = documentOf(s);
      if (!article || !draft) return null;
      if (!draftReady(draft)) {
        nextStepNotice(draft);
        return null;
      }
      const actorSpanId = draft.actorSpanId!;
      const claimSpanId = draft.claimSpanId!;
      if (!spanOf(actorSpanId) || !spanOf(claimSpanId)) {
        set({ linkDraft: null });
        s.showNotice('A span of this statement was deleted meanwhile; start again with L.');
        return null;
      }
      const stanceSpanId = spanOf(draft.stanceSpanId) ? draft.stanceSpanId : undefined;
      const same = article.statements.find(
        (st) => st.actorSpanId === actorSpanId && st.claimSpanId === claimSpanId && st.polarity === polarity && st.stanceSpanId === stanceSpanId,
      );
      if (same) {
        set({ linkDraft: null });
        s.selectSpan(actorSpanId);
        s.showNotice('That statement exists already.');
        return same.id;
      }
      const at = now();
      const statement: Statement = {
        id: newId('st'),
        actorSpanId,
        claimSpanId,
        polarity,
        ...(stanceSpanId ? { stanceSpanId } : {}),
        annotator: s.workspace?.settings.annotator ?? '',
        createdAt: at,
        updatedAt: at,
      };
      if (!send([{ type: 'addStatement', statement }], `Link statement (${POLARITY_TEXT[polarity].name})`)) return null;
      set({ linkDraft: null });
      // The actor stays selected: its statements are drawn, and L starts the next one from it.
      get().selectSpan(actorSpanId);
      get().showNotice(`Statement added: ${quoteSpan(get(), actorSpanId, 40)} ${POLARITY_TEXT[polarity].verb} ${quoteSpan(get(), claimSpanId, 60)}.`);
      return statement.id;
    },

    cancelLinking: () => {
      if (!get().linkDraft) return;
      set({ linkDraft: null });
      get().showNotice('Linking cancelled.');
    },

    setStatementPolarity: (id, polarity) => {
      const st = documentOf(get()).article?.statements.find((x) => x.id === id);
      if (!st || st.polarity === polarity) return;
      send([{ type: 'updateStatement', id, patch: { polarity, updatedAt: now() } }], `Change polarity to ${POLARITY_TEXT[polarity].name}`);
    },

    setStatementStance: (id, stanceSpanId) => {
      const st = documentOf(get()).article?.statements.find((x) => x.id === id);
      if (!st || (st.stanceSpanId ?? null) === stanceSpanId) return;
      send([{ type: 'updateStatement', id, patch: { stanceSpanId, updatedAt: now() } }], stanceSpanId ? 'Change stance' : 'Remove stance');
    },

    deleteStatement: (id) => {
      if (!documentOf(get()).article?.statements.some((x) => x.id === id)) return;
      send([{ type: 'removeStatement', id }], 'Delete statement');
    },

    deleteSpanAndStatements: (spanId) => {
      const s = get();
      const { article } = documentOf(s);
      const span = spanOf(spanId);
      if (!article || !span) return;
      const { removed, unstanced } = spanUsage(article.statements, spanId);
      const at = now();
      const edits: Edit[] = [
        ...removed.map((st): Edit => ({ type: 'removeStatement', id: st.id })),
        ...unstanced.map((st): Edit => ({ type: 'updateStatement', id: st.id, patch: { stanceSpanId: null, updatedAt: at } })),
        { type: 'removeSpan', id: spanId },
      ];
      const what = removed.length ? ` and ${plural(removed.length, 'statement')}` : '';
      if (send(edits, `Delete span${what}`)) {
        s.setTextSelection({ anchor: span.start, focus: span.start });
        const draft = selectLinkDraft(get());
        if (draft && [draft.actorSpanId, draft.claimSpanId, draft.stanceSpanId].includes(spanId)) set({ linkDraft: null });
      }
    },
  };
};
