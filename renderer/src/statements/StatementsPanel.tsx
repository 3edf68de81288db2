/**
 * The region "Statements": the open article's statements in reading order of their actors,
 * each as "actor — polarity — claim" (with its stance), editable in place (polarity, stance)
 * and deletable. Activating a statement selects its actor span, which draws its links in the
 * text. Every change is an undoable edit.
 */
import { memo, useDeferredValue, useMemo, useRef } from 'react';
import type { Polarity, Span, Statement } from '../../../shared/domain/model';
import { EDGE_COLOURS } from '../../../shared/network/networks';
import { shorten, spanText } from '../document/spanText';
import { useDocument, useWorkbench, useWorkbenchDocument, useWorkbenchStore } from '../store/StoreContext';
import { selectLabels } from '../store/workspaceSlice';
import { POLARITY_TEXT, roleOfSpan, usesSpan } from './linking';

const NO_STATEMENTS: readonly Statement[] = [];
const NO_SPANS: readonly Span[] = [];
const POLARITIES: Polarity[] = ['support', 'oppose', 'neutral'];

/** One line of a statement for lists and accessible names: “Khaji” supports “the settlement”. */
export function describeStatement(text: string, spans: ReadonlyMap<string, Span>, st: Statement, max = 80): string {
  const words = (id: string | undefined) => {
    const span = id ? spans.get(id) : undefined;
    return span ? `“${shorten(spanText(text, span), max)}”` : '(missing span)';
  };
  return `${words(st.actorSpanId)} ${POLARITY_TEXT[st.polarity].verb} ${words(st.claimSpanId)}`;
}

export function StatementsPanel() {
  const statements = useDeferredValue(useDocument((doc) => doc.article?.statements ?? NO_STATEMENTS));
  const spans = useSpansWhileShown();
  const text = useDocument((doc) => doc.article?.text ?? '');
  const labels = useWorkbench(selectLabels);
  const selectedId = useWorkbench((s) => s.selectedSpanId);
  const byId = useMemo(() => new Map(spans.map((s) => [s.id, s])), [spans]);
  const stanceSpans = useMemo(() => spans.filter((s) => roleOfSpan(s, labels) === 'stance'), [spans, labels]);
  const ordered = useMemo(
    () =>
      [...statements].sort(
        (a, b) => (byId.get(a.actorSpanId)?.start ?? 0) - (byId.get(b.actorSpanId)?.start ?? 0) || (byId.get(a.claimSpanId)?.start ?? 0) - (byId.get(b.claimSpanId)?.start ?? 0),
      ),
    [statements, byId],
  );
  const counts = useMemo(() => {
    const c: Record<Polarity, number> = { support: 0, oppose: 0, neutral: 0 };
    for (const st of statements) c[st.polarity]++;
    return c;
  }, [statements]);

  return (
    <section className="statements-panel" aria-label="Statements">
      <h2 className="panel-title">
        Statements <span className="count">{statements.length}</span>
      </h2>
      {statements.length === 0 ? (
        <p className="muted">
          No statements yet. Select an actor span and press <kbd>L</kbd> (or “Link statement”), select the claim, then
          press <kbd>S</kbd>, <kbd>O</kbd> or <kbd>U</kbd>.
        </p>
      ) : (
        <>
          <p className="polarity-summary small">
            {POLARITIES.filter((p) => counts[p]).map((p) => (
              <span key={p} className="polarity-count">
                <span className="polarity-dot" style={{ backgroundColor: EDGE_COLOURS[p] }} aria-hidden="true" />
                {counts[p]} {POLARITY_TEXT[p].name.toLowerCase()}
              </span>
            ))}
          </p>
          <ul className="statement-list" aria-label="Statements of this article">
            {ordered.map((st) => (
              <StatementItem
                key={st.id}
                statement={st}
                text={text}
                spans={byId}
                stanceSpans={stanceSpans}
                related={!!selectedId && usesSpan(st, selectedId)}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * The article's spans while the Statements tab is shown. While it is hidden (the Spans tab is
 * the one annotators keep open), span edits do not re-render it: it keeps the spans it last
 * drew (none before it was first shown), and catches up when shown. Rebuilding its span map
 * and stance list costs milliseconds on an article with 20,000 spans, on the hotkey's path
 * and on opening the article.
 */
function useSpansWhileShown(): readonly Span[] {
  const last = useRef<readonly Span[]>(NO_SPANS);
  const spans = useWorkbenchDocument((s, doc) => (s.sideTab === 'statements' ? (doc.article?.spans ?? NO_SPANS) : null));
  if (spans) last.current = spans;
  return spans ?? last.current;
}

const StatementItem = memo(function StatementItem({
  statement: st,
  text,
  spans,
  stanceSpans,
  related,
}: {
  statement: Statement;
  text: string;
  spans: ReadonlyMap<string, Span>;
  stanceSpans: readonly Span[];
  related: boolean;
}) {
  const store = useWorkbenchStore();
  const actor = spans.get(st.actorSpanId);
  const claim = spans.get(st.claimSpanId);
  const stance = st.stanceSpanId ? spans.get(st.stanceSpanId) : undefined;
  const name = describeStatement(text, spans, st);
  const stanceChoices = stance && !stanceSpans.includes(stance) ? [stance, ...stanceSpans] : stanceSpans;
  return (
    <li className={`statement-item is-${st.polarity}${related ? ' is-related' : ''}`} style={{ borderInlineStartColor: EDGE_COLOURS[st.polarity] }}>
      <button
        type="button"
        className="statement-main"
        aria-label={name}
        aria-current={related ? 'true' : undefined}
        onClick={() => actor && store.getState().selectSpan(actor.id, { scroll: true, moveCaret: true })}
      >
        <span className="statement-actor" dir="auto">
          {actor ? shorten(spanText(text, actor), 60) : '(missing)'}
        </span>
        <span className={`polarity-chip is-${st.polarity}`}>{POLARITY_TEXT[st.polarity].verb}</span>
        <span className="statement-claim" dir="auto">
          {claim ? shorten(spanText(text, claim), 120) : '(missing)'}
        </span>
        {stance && (
          <span className="statement-stance muted small" dir="auto">
            stance: “{shorten(spanText(text, stance), 40)}”
          </span>
        )}
      </button>
      <div className="statement-controls">
        <select
          aria-label="Polarity"
          className="compact-select"
          value={st.polarity}
          onChange={(e) => store.getState().setStatementPolarity(st.id, e.target.value as Polarity)}
        >
          {POLARITIES.map((p) => (
            <option key={p} value={p}>
              {POLARITY_TEXT[p].name}
            </option>
          ))}
        </select>
        <select
          aria-label="Stance"
          className="compact-select stance-select"
          value={st.stanceSpanId ?? ''}
          onChange={(e) => store.getState().setStatementStance(st.id, e.target.value || null)}
        >
          <option value="">No stance</option>
          {stanceChoices.map((s) => (
            <option key={s.id} value={s.id}>
              {shorten(spanText(text, s), 40)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button ghost icon danger-quiet"
          aria-label="Delete statement"
          title="Delete statement"
          onClick={() => store.getState().deleteStatement(st.id)}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </li>
  );
});
