/**
 * Statement links drawn over the article text: when a span is selected, each statement it
 * takes part in is a curved arrow from the actor's highlight to the claim's, coloured by
 * polarity (support green, oppose red, neutral grey), with the stance span underlined dotted.
 * While a statement is being linked, its spans are outlined and a dashed arrow runs to the
 * span under consideration.
 *
 * The SVG sits in the text's scroll container, positioned in its content coordinates, so it
 * scrolls with the text; positions are measured from the highlights' client rects and
 * measured again when spans, statements or the selection change, and on resize and scroll.
 * It also takes clicks on highlights while linking (capture phase, before the text's own
 * click handler), so a click picks the span for the statement.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Polarity, Statement } from '../../../shared/domain/model';
import { EDGE_COLOURS } from '../../../shared/network/networks';
import { ARTICLE_TEXT_ID } from '../document/ArticleText';
import { useDocument, useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { documentOf } from '../store/documentState';
import { selectLabels } from '../store/workspaceSlice';
import { anchorOf, arcPath, measureSpan, type Box, type Point } from './linkGeometry';
import { roleOfSpan, usesSpan, type LinkRole } from './linking';
import { selectLinkDraft } from './statementsSlice';

const NO_STATEMENTS: readonly Statement[] = [];
const SYMBOL: Record<Polarity, string> = { support: '+', oppose: '−', neutral: '0' };
const ROLE_COLOUR: Record<LinkRole, string> = { actor: '#2563eb', claim: '#059669', stance: '#d97706' };

interface DrawnLink {
  id: string;
  polarity: Polarity;
  d: string;
  mid: Point;
  start: Point;
  stance: Box[];
}
interface Geometry {
  links: DrawnLink[];
  outlines: { role: LinkRole; boxes: Box[] }[];
  pending: { d: string } | null;
}

const EMPTY: Geometry = { links: [], outlines: [], pending: null };

export function StatementOverlay() {
  const store = useWorkbenchStore();
  const svgRef = useRef<SVGSVGElement>(null);
  const selectedId = useWorkbench((s) => s.selectedSpanId);
  const statements = useDocument((doc) => doc.article?.statements ?? NO_STATEMENTS);
  const buckets = useDocument((doc) => doc.buckets);
  const draft = useWorkbench(selectLinkDraft);
  const [geometry, setGeometry] = useState<Geometry>(EMPTY);

  const shown = useMemo(
    () => (selectedId ? statements.filter((st) => usesSpan(st, selectedId)) : NO_STATEMENTS),
    [statements, selectedId],
  );

  const measure = useCallback(() => {
    const svg = svgRef.current;
    const container = svg?.parentElement;
    const root = document.getElementById(ARTICLE_TEXT_ID);
    if (!svg || !container || !root) return true;
    let complete = true;
    const cache = new Map<string, Box[]>();
    const boxes = (id: string | undefined) => {
      if (!id) return [];
      let b = cache.get(id);
      if (!b) cache.set(id, (b = measureSpan(root, container, id)));
      return b;
    };
    const links: DrawnLink[] = [];
    for (const st of shown) {
      const a = anchorOf(boxes(st.actorSpanId));
      const b = anchorOf(boxes(st.claimSpanId));
      if (!a || !b) {
        complete = false;
        continue;
      }
      const { d, mid } = arcPath(a, b);
      links.push({ id: st.id, polarity: st.polarity, d, mid, start: a, stance: boxes(st.stanceSpanId) });
    }
    const outlines: Geometry['outlines'] = [];
    let pending: Geometry['pending'] = null;
    if (draft) {
      if (draft.actorSpanId) outlines.push({ role: 'actor', boxes: boxes(draft.actorSpanId) });
      if (draft.claimSpanId) outlines.push({ role: 'claim', boxes: boxes(draft.claimSpanId) });
      if (draft.stanceSpanId) outlines.push({ role: 'stance', boxes: boxes(draft.stanceSpanId) });
      const from = draft.actorSpanId ?? draft.claimSpanId;
      const to = draft.actorSpanId && draft.claimSpanId ? draft.claimSpanId : selectedId !== from ? selectedId : null;
      const a = anchorOf(boxes(from));
      const b = to ? anchorOf(boxes(to)) : null;
      if (a && b) pending = { d: arcPath(a, b).d };
    }
    setGeometry(links.length || outlines.length || pending ? { links, outlines, pending } : EMPTY);
    return complete;
  }, [shown, draft, selectedId]);

  // After the text has rendered the change (same frame), and again in the next frames while a
  // link still misses an end: its chunk was far off screen and draws its highlights only now
  // (useLinkedSpanChunks wakes it).
  useLayoutEffect(() => {
    measure();
    let tries = 0;
    let frame = requestAnimationFrame(function again() {
      if (!measure() && ++tries < 20) frame = requestAnimationFrame(again);
    });
    return () => cancelAnimationFrame(frame);
  }, [measure, buckets]);

  useEffect(() => {
    const container = svgRef.current?.parentElement;
    const root = document.getElementById(ARTICLE_TEXT_ID);
    if (!container || !root) return;
    let frame = 0;
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), measure()));
    };
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(schedule) : null;
    observer?.observe(root);
    observer?.observe(container);
    container.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      observer?.disconnect();
      container.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [measure]);

  useLinkClicks(store, !!draft);

  return (
    <svg ref={svgRef} className="statement-overlay" aria-hidden="true" focusable="false" width="1" height="1">
      <defs>
        {(['support', 'oppose', 'neutral'] as const).map((p) => (
          <marker key={p} id={`wb-arrow-${p}`} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill={EDGE_COLOURS[p]} />
          </marker>
        ))}
        <marker id="wb-arrow-pending" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" fill="#4b5259" />
        </marker>
      </defs>
      {geometry.outlines.map((o) =>
        o.boxes.map((b, i) => (
          <rect
            key={`${o.role}-${i}`}
            className="draft-outline"
            x={b.x - 3}
            y={b.y - 2}
            width={b.w + 6}
            height={b.h + 4}
            rx={4}
            stroke={ROLE_COLOUR[o.role]}
          />
        )),
      )}
      {geometry.links.map((l) => (
        <g key={l.id} className={`statement-link is-${l.polarity}`} data-statement-id={l.id}>
          {l.stance.map((b, i) => (
            <line key={i} className="stance-underline" x1={b.x} x2={b.x + b.w} y1={b.y + b.h + 1} y2={b.y + b.h + 1} stroke={EDGE_COLOURS[l.polarity]} />
          ))}
          <path d={l.d} className="link-halo" />
          <path d={l.d} className="link-path" stroke={EDGE_COLOURS[l.polarity]} markerEnd={`url(#wb-arrow-${l.polarity})`} />
          <circle cx={l.start.x} cy={l.start.y} r={3} fill={EDGE_COLOURS[l.polarity]} />
          <circle cx={l.mid.x} cy={l.mid.y} r={8} fill={EDGE_COLOURS[l.polarity]} className="link-badge" />
          <text x={l.mid.x} y={l.mid.y} className="link-badge-text">
            {SYMBOL[l.polarity]}
          </text>
        </g>
      ))}
      {geometry.pending && <path d={geometry.pending.d} className="link-pending" markerEnd="url(#wb-arrow-pending)" />}
    </svg>
  );
}

/** While linking, a click on a highlight picks a span for the statement instead of only selecting it. */
function useLinkClicks(store: ReturnType<typeof useWorkbenchStore>, active: boolean) {
  useEffect(() => {
    const root = document.getElementById(ARTICLE_TEXT_ID);
    if (!active || !root) return;
    const onClick = (e: MouseEvent) => {
      const sel = document.getSelection();
      // The end of a drag is a selection (perhaps for a new span), not a pick.
      if (sel && !sel.isCollapsed && sel.anchorNode && root.contains(sel.anchorNode)) return;
      const hit = (e.target as Element | null)?.closest?.('[data-span-ids]') as HTMLElement | null;
      const ids = hit?.dataset.spanIds?.split(' ');
      const s = store.getState();
      const draft = selectLinkDraft(s);
      const { article } = documentOf(s);
      if (!ids?.length || !draft || !article) return;
      const labels = selectLabels(s);
      const candidates = ids.filter((id) => id !== draft.actorSpanId && id !== draft.claimSpanId);
      if (!candidates.length) return;
      const need: LinkRole = !draft.actorSpanId ? 'actor' : !draft.claimSpanId ? 'claim' : 'stance';
      const roleOf = (id: string) => roleOfSpan(article.spans.find((sp) => sp.id === id), labels);
      // The span of the role still missing, else the innermost one (ids are outermost first).
      const pick = candidates.findLast((id) => roleOf(id) === need) ?? candidates[candidates.length - 1];
      e.stopPropagation();
      e.preventDefault();
      s.selectSpan(pick);
      s.pickForLink(pick);
    };
    root.addEventListener('click', onClick, true);
    return () => root.removeEventListener('click', onClick, true);
  }, [store, active]);
}
