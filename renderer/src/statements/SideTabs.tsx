/**
 * The side panel's lists as two tabs: "Spans" (the region of that name, unchanged) and
 * "Statements". ARIA tabs: arrow keys move between the tabs, the hidden panel stays mounted
 * (its scroll position and paging survive a switch).
 */
import { useRef } from 'react';
import { SpansPanel } from '../document/SpansPanel';
import { useDocument, useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { StatementsPanel } from './StatementsPanel';
import type { SideTab } from '../store/types';
import { useAfterPaint } from '../components/useAfterPaint';

const TABS: { id: SideTab; name: string }[] = [
  { id: 'spans', name: 'Spans' },
  { id: 'statements', name: 'Statements' },
];

export function SideTabs() {
  const store = useWorkbenchStore();
  const tab = useWorkbench((s) => s.sideTab);
  // Counts follow a frame after the text (see useAfterPaint).
  const spanCount = useAfterPaint(useDocument((doc) => doc.article?.spans.length ?? 0));
  const statementCount = useAfterPaint(useDocument((doc) => doc.article?.statements.length ?? 0));
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const count = (id: SideTab) => (id === 'spans' ? spanCount : statementCount);
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
          {t.id === 'spans' ? <SpansPanel /> : <StatementsPanel />}
        </div>
      ))}
    </div>
  );
}
