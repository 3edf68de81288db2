/**
 * In the selected span's card: the statements the span takes part in, and the "Link
 * statement" button (the same command as L) that starts a statement from it, or, while one is
 * being linked, puts this span into it.
 */
import { useMemo } from 'react';
import type { Span, Statement } from '../../../shared/domain/model';
import { EDGE_COLOURS } from '../../../shared/network/networks';
import { useRunCommand } from '../commands/useCommands';
import { useDocument, useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { usesSpan } from './linking';
import { selectLinkDraft } from './statementsSlice';
import { describeStatement } from './StatementsPanel';

const NO_STATEMENTS: readonly Statement[] = [];

export function SpanStatements({ span }: { span: Span }) {
  const store = useWorkbenchStore();
  const run = useRunCommand();
  const all = useDocument((doc) => doc.article?.statements ?? NO_STATEMENTS);
  const spans = useDocument((doc) => doc.article?.spans);
  const text = useDocument((doc) => doc.article?.text ?? '');
  const draft = useWorkbench(selectLinkDraft);
  const inDraft = !!draft && [draft.actorSpanId, draft.claimSpanId, draft.stanceSpanId].includes(span.id);
  const mine = useMemo(() => all.filter((st) => usesSpan(st, span.id)), [all, span.id]);
  // Only the spans these statements use (most spans take part in none: no work on the hotkey's path).
  const byId = useMemo(() => {
    const ids = new Set(mine.flatMap((st) => [st.actorSpanId, st.claimSpanId]));
    return new Map(ids.size ? (spans ?? []).filter((s) => ids.has(s.id)).map((s) => [s.id, s]) : []);
  }, [spans, mine]);
  return (
    <div className="span-statements">
      {mine.length > 0 && (
        <>
          <h3 className="subhead">In {mine.length === 1 ? '1 statement' : `${mine.length} statements`}</h3>
          <ul className="mini-statements">
            {mine.slice(0, 6).map((st) => (
              <li key={st.id}>
                <span className="polarity-dot" style={{ backgroundColor: EDGE_COLOURS[st.polarity] }} aria-hidden="true" />
                <span dir="auto">{describeStatement(text, byId, st, 40)}</span>
              </li>
            ))}
          </ul>
          {mine.length > 6 && (
            <button type="button" className="link-button" onClick={() => store.getState().setSideTab('statements')}>
              All {mine.length} in the Statements list
            </button>
          )}
        </>
      )}
      <button
        type="button"
        className="button link-statement-button"
        aria-keyshortcuts="L"
        disabled={inDraft}
        title={draft ? 'Put this span into the statement being linked (L)' : 'Start a statement from this span, then click the claim (L)'}
        onClick={() => run('statement.link')}
      >
        {inDraft ? 'In the new statement' : draft ? 'Use in statement' : 'Link statement'} <kbd aria-hidden="true">L</kbd>
      </button>
    </div>
  );
}
