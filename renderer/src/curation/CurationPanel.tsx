/**
 * Curation of the open article into gold (docs/teams.md, "Curation"): the annotators' collected
 * layers (DocumentSession `layers`) against the article's own spans, the gold layer. First the
 * spans everyone marked identically, accepted with one button; then each place where they differ,
 * decided with one key while the panel has focus: 1–9 take that annotator's spans, A takes all,
 * 0 takes neither, E records a place whose gold spans the curator made by hand, J/K go to the next/previous place (each shown selected in the text). A decision
 * is an ordinary edit batch (shared/agreement/curation.ts): undo, saving and the journal as for
 * any edit. Meanwhile each annotator's layer is drawn over the text as a lane of its own
 * (TextLanes), which the legend here hides or shows.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { acceptAgreedEdits, curationPlan, spanCurationPlaces, spanPlacesAt, withStatementPlaces, decisionEdits, type CurationChoice, type CurationItem } from '../../../shared/agreement/curation';
import { codedAnything } from '../../../shared/domain/layers';
import { documentOf } from '../store/documentState';
import { useDocument, useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { PlaceLanes } from './PlaceLanes';
import { LaneLegend } from './LaneLegend';
import './curation.css';

const EXCERPT = 60;

/** `active`: the tab is shown. A hidden panel stays mounted but computes nothing (every edit would redo the plan). */
export function CurationPanel({ active }: { active: boolean }) {
  const store = useWorkbenchStore();
  const article = useDocument((doc) => doc.article);
  const collected = useDocument((doc) => doc.layers);
  // A layer of an article its annotator never started is missing, not an opinion (as in the agreement and the library's progress).
  const layers = useMemo(() => collected.filter(codedAnything), [collected]);
  const registry = useWorkbench((s) => s.entities);
  const labels = useWorkbench((s) => s.workspace?.schema.labels);
  const articleId = article?.id;
  const text = article?.text;
  const layerPlaces = useDocument((doc) => doc.layerPlaces);
  // The span places depend on the layers only (the costly part: the service sends them with the
  // layers, else they are computed here once; not redone when the registry is reloaded as the tab
  // shows); a decision re-plans against gold only.
  const spanPlaces = useMemo(
    () => (active && layers.length ? ((layerPlaces && spanPlacesAt(layerPlaces, layers)) ?? spanCurationPlaces(layers)) : null),
    [active, layers, layerPlaces],
  );
  const places = useMemo(
    () =>
      spanPlaces && articleId !== undefined && text !== undefined
        ? // Statement units are keyed by the entities their mentions link: the registry's, then the annotators' own.
          withStatementPlaces(spanPlaces, { id: articleId, text }, layers, [...registry, ...layers.flatMap((l) => l.entities)])
        : null,
    [spanPlaces, articleId, text, layers, registry],
  );
  const plan = useMemo(() => (places && article ? curationPlan(article, layers, places) : null), [places, article, layers]);
  const [at, setAt] = useState(0);
  const items = plan?.items ?? [];
  const open = items.filter((i) => !i.decided).length;
  const item: CurationItem | undefined = items[Math.min(at, items.length - 1)];
  useEffect(() => {
    // Start at the first place still to decide.
    const first = items.findIndex((i) => !i.decided);
    setAt(first < 0 ? 0 : first);
    // Only when the article or its layers change, not after each decision.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [article?.id, layers, active]);
  useEffect(() => {
    if (!active) return;
    const s = store.getState();
    void Promise.all([s.loadEntities(true), s.loadProposals()]);
  }, [active, store]);
  if (!plan || !article) return <p className="muted small">No collected layers for this article.</p>;

  const labelName = (id: string) => labels?.find((l) => l.id === id)?.name ?? id;
  const excerpt = (start: number, end: number) => {
    const t = article.text.slice(start, end);
    return t.length > EXCERPT ? `${t.slice(0, EXCERPT)}…` : t;
  };
  const context = () => {
    const s = store.getState();
    const ctx = s.editContext()!;
    const registry = new Set(s.entities.map((e) => e.id));
    const decisions = new Map(s.proposals.map((p) => [p.entity.id, p.decision]));
    // A link the registry has stays; a proposal merged into an entry links there; rejected or undecided: no link.
    const linkFor = (id: string) => {
      const d = decisions.get(id);
      return d?.decision === 'merged' ? d.into : registry.has(id) && d?.decision !== 'rejected' ? id : undefined;
    };
    return { gold: documentOf(s).article!, curator: s.workspace?.settings.annotator || 'curator', now: ctx.now(), newId: ctx.newId, linkFor };
  };
  const show = (index: number) => {
    const target = items[index];
    if (!target) return;
    setAt(index);
    store.getState().setTextSelection({ anchor: target.range.start, focus: target.range.end }, { scroll: true });
  };
  const step = (direction: 1 | -1) => {
    for (let k = 1; k <= items.length; k++) {
      const i = (at + direction * k + items.length) % items.length;
      if (!items[i].decided) return show(i);
    }
  };
  const decide = (choice: CurationChoice) => {
    if (!item) return;
    const description =
      choice.take === 'all' ? 'Take all' : choice.take === 'neither' ? 'Take neither' : choice.take === 'edited' ? 'Mark edited place decided' : `Take ${item.options[choice.index]?.annotator}'s`;
    let edits;
    try {
      edits = decisionEdits(item, choice, context());
    } catch (err) {
      store.getState().reportError(err, 'Curation');
      return;
    }
    if (store.getState().runEdits(edits, description)) {
      const next = items.findIndex((i, k) => k > at && !i.decided);
      if (next >= 0) show(next);
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const digit = /^[1-9]$/.test(e.key) ? Number(e.key) - 1 : -1;
    const handled =
      digit >= 0 ? (decide({ take: 'annotator', index: digit }), true)
      : e.key === 'a' || e.key === 'A' ? (decide({ take: 'all' }), true)
      : e.key === '0' ? (decide({ take: 'neither' }), true)
      : e.key === 'e' || e.key === 'E' ? (decide({ take: 'edited' }), true)
      : e.key === 'j' || e.key === 'J' ? (step(1), true)
      : e.key === 'k' || e.key === 'K' ? (step(-1), true)
      : false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  return (
    <div className="curation-panel" role="group" aria-label="Curation" tabIndex={0} onKeyDown={onKeyDown}>
      <p role="status" className="small">
        {items.length - open} of {items.length} {items.length === 1 ? 'place' : 'places'} decided · layers of {plan.annotators.join(', ')}
      </p>
      <LaneLegend annotators={plan.annotators} />
      <button
        type="button"
        className="button"
        disabled={plan.agreed.length + plan.agreedStatements.length === 0}
        onClick={() => store.getState().runEdits(acceptAgreedEdits(plan, context(), layers), 'Accept agreed')}
      >
        Accept agreed: {plan.agreed.length} {plan.agreed.length === 1 ? 'span' : 'spans'}, {plan.agreedStatements.length}{' '}
        {plan.agreedStatements.length === 1 ? 'statement' : 'statements'}
      </button>
      {item && (
        <section aria-label={`Place ${at + 1} of ${items.length}`} className="curation-item">
          <h3>
            Place {at + 1} of {items.length}
            {item.decided ? ' (decided)' : ''}: {item.kind === 'statement' ? `statement ${item.label}` : `“${excerpt(item.range.start, item.range.end)}”`}
          </h3>
          {item.kind === 'span' && labels && (
            <PlaceLanes text={article.text} range={item.range} lanes={item.options.map((o) => ({ annotator: o.annotator, spans: o.spans }))} labels={labels} />
          )}
          <ol className="curation-options">
            {item.options.map((o, i) => (
              <li key={o.annotator}>
                <button type="button" className="link-button" onClick={() => decide({ take: 'annotator', index: i })} aria-keyshortcuts={String(i + 1)}>
                  Take {o.annotator}&apos;s
                </button>{' '}
                <span className="small">
                  {item.kind === 'statement'
                    ? o.statements.length
                      ? o.statements.map((st) => st.polarity).join(', ')
                      : 'no statement'
                    : o.spans.length
                      ? o.spans.map((s) => `${labelName(s.labelId)} “${excerpt(s.start, s.end)}”`).join(', ')
                      : 'nothing here'}
                </span>
              </li>
            ))}
          </ol>
          <div className="curation-actions">
            <button type="button" className="button ghost" onClick={() => decide({ take: 'all' })} aria-keyshortcuts="A">
              Take all
            </button>
            <button type="button" className="button ghost" onClick={() => decide({ take: 'neither' })} aria-keyshortcuts="0">
              Take neither
            </button>
            <button
              type="button"
              className="button ghost"
              title="You made gold's spans here yourself (select text, press a label key): record the place as decided"
              onClick={() => decide({ take: 'edited' })}
              aria-keyshortcuts="E"
            >
              Edited: mark decided
            </button>
            <button type="button" className="button ghost" onClick={() => step(-1)} aria-keyshortcuts="K">
              Previous place
            </button>
            <button type="button" className="button ghost" onClick={() => step(1)} aria-keyshortcuts="J">
              Next place
            </button>
          </div>
          <p className="muted small">Keys while this panel has focus: 1–{item.options.length} take an annotator&apos;s spans, A all, 0 neither, E edited by hand, J/K next/previous.</p>
        </section>
      )}
    </div>
  );
}
