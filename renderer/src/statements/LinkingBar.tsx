/**
 * The bar above the text while a statement is being linked (region "New statement"): what is
 * picked so far (actor, claim, optional stance), what to do next, the polarity buttons that
 * finish the statement (S / O / U) and Cancel (Esc). Buttons keep the focus where it is, like
 * the label buttons, so the keyboard flow is not interrupted by a click.
 */
import type { Polarity } from '../../../shared/domain/model';
import { ariaKeyShortcuts } from '../commands/keys';
import { useRunCommand } from '../commands/useCommands';
import { shorten, spanText } from '../document/spanText';
import { useDocument, useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { draftReady, POLARITY_TEXT } from './linking';
import { selectLinkDraft } from './statementsSlice';
import './statements.css';

const POLARITIES: Polarity[] = ['support', 'oppose', 'neutral'];

function Slot({ role, spanId, empty }: { role: string; spanId?: string; empty: string }) {
  const text = useDocument(({ article }) => {
    const span = spanId ? article?.spans.find((sp) => sp.id === spanId) : undefined;
    return span && article ? shorten(spanText(article.text, span), 70) : null;
  });
  return (
    <div className={`link-slot is-${role.toLowerCase()}${text ? '' : ' is-empty'}`}>
      <span className="link-slot-role">{role}</span>
      <span className="link-slot-text" dir="auto">
        {text ? `“${text}”` : empty}
      </span>
    </div>
  );
}

export function LinkingBar() {
  const store = useWorkbenchStore();
  const draft = useWorkbench(selectLinkDraft);
  const run = useRunCommand();
  if (!draft) return null;
  const ready = draftReady(draft);
  const next = !draft.actorSpanId
    ? 'Select the actor: click its highlight, or N/P then Enter.'
    : !draft.claimSpanId
      ? 'Select the claim: click its highlight, or N/P then Enter (or L).'
      : 'Choose the polarity. To set the stance, click a Stance highlight first.';
  return (
    <section className="linking-bar" aria-label="New statement">
      <div className="link-slots">
        <Slot role="Actor" spanId={draft.actorSpanId} empty="select the actor" />
        <span className="link-arrow" aria-hidden="true">
          →
        </span>
        <Slot role="Claim" spanId={draft.claimSpanId} empty="select the claim" />
        <Slot role="Stance" spanId={draft.stanceSpanId} empty="optional" />
        {draft.stanceSpanId && (
          <button
            type="button"
            className="link-button small"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => store.getState().setLinkStance(null)}
          >
            No stance
          </button>
        )}
      </div>
      <p className="link-next muted small" title={next}>
        {next}
        {draft.stanceFound ? ' (The stance between them was filled in.)' : ''}
      </p>
      <div className="link-actions" role="group" aria-label="Polarity">
        {POLARITIES.map((p) => (
          <button
            key={p}
            type="button"
            className={`button polarity-button is-${p}`}
            disabled={!ready}
            aria-keyshortcuts={ariaKeyShortcuts([{ key: POLARITY_TEXT[p].key }])}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => run(`statement.${p}`)}
          >
            <span className="polarity-dot" aria-hidden="true" />
            {POLARITY_TEXT[p].name}
            <kbd aria-hidden="true">{POLARITY_TEXT[p].key.toUpperCase()}</kbd>
          </button>
        ))}
        <button
          type="button"
          className="button ghost"
          aria-keyshortcuts="Escape"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => run('statement.cancel')}
        >
          Cancel <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </section>
  );
}
