/**
 * The side panel's lists as tabs: "Spans" (the region of that name, unchanged), "Statements",
 * and "Curation" when the article has collected layers (its count is the layers'). ARIA tabs: arrow keys move between the tabs, the hidden panel stays mounted
 * (its scroll position and paging survive a switch).
 */
import { useRef } from 'react';
import { SpansPanel } from '../document/SpansPanel';
import { useDocument, useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { StatementsPanel } from './StatementsPanel';
import { CurationPanel } from '../curation/CurationPanel';
import type { SideTab } from '../store/types';
import { useAfterPaint } from '../components/useAfterPaint';

const ALL_TABS: { id: SideTab; name: string }[] = [
  { id: 'spans', name: 'Spans' },
  { id: 'statements', name: 'Statements' },
  { id: 'curation', name: 'Curation' },
];

export function SideTabs() {
  const store = useWorkbenchStore();
  const chosen = useWorkbench((s) => s.sideTab);
  // "Curation" only for an article with collected layers (docs/teams.md).
  const layerCount = useDocument((doc) => doc.layers.length);
  const TABS = layerCount ? ALL_TABS : ALL_TABS.slice(0, 2);
  const tab = TABS.some((t) => t.id === chosen) ? chosen : 'spans';
  // Counts follow a frame after the text (see useAfterPaint).
  const spanCount = useAfterPaint(useDocument((doc) => doc.article?.spans.length ?? 0));
  const statementCount = useAfterPaint(useDocument((doc) => doc.article?.statements.length ?? 0));
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const count = (id: SideTab) => (id === 'spans' ? spanCount : id === 'statements' ? statementCount : layerCount);
  const choose = (id: SideTab, focus = false) => {
    store.getState().setSideTab(id);
    if (focus) refs.current[id]?.focus();
  };
  return (
    <div className="side-tabs">
      <div
        className="tab-list"
        role="tablist"
        aria-label="Lists"
        onKeyDown={(e) => {
          const i = TABS.findIndex((t) => t.id === tab);
          const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
          if (!step) return;
          e.preventDefault();
          e.stopPropagation();
          choose(TABS[(i + step + TABS.length) % TABS.length].id, true);
        }}
      >
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            id={`side-tab-${t.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t.id}
            aria-controls={`side-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => choose(t.id)}
          >
            {t.name} <span className="count">{count(t.id)}</span>
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div key={t.id} id={`side-panel-${t.id}`} role="tabpanel" aria-labelledby={`side-tab-${t.id}`} hidden={tab !== t.id}>
          {t.id === 'spans' ? <SpansPanel /> : t.id === 'statements' ? <StatementsPanel /> : <CurationPanel active={tab === 'curation'} />}
        </div>
      ))}
    </div>
  );
}
