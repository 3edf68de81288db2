/**
 * The Network view: the workspace's statements as a discourse network (actors × concepts, or
 * a one-mode projection: actor congruence / conflict, concept congruence / conflict), after
 * filters (article date range, article status, polarity); the network on a canvas, a table of
 * its heaviest edges (or of the selected node's edges), exports (GraphML, GEXF, CSV edge and
 * node lists, statements CSV), and a "Charts" tab with the stance distribution per actor and
 * per concept. Everything is computed in the renderer from `listStatements` with the shared
 * network code.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ArticleStatus, Polarity } from '../../../shared/domain/model';
import { stanceByActor, stanceByConcept } from '../../../shared/network/charts';
import { EDGE_COLOURS, NODE_COLOURS, type Network } from '../../../shared/network/networks';
import { buildAnalysisRows, UNLINKED_PREFIX, type AnalysisRow } from '../../../shared/network/statementsTable';
import { STATUS_TEXT } from '../library/LibraryView';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { linkedNodes } from './drawNetwork';
import { NetworkCanvas } from './NetworkCanvas';
import { autoMinWeight, drawnEdges, ForceLayout, sortedWeightsOf, twoModeLayout, type DrawnEdges, type Layout } from './networkLayout';
import { buildNetwork, describeNetwork, edgeCount, EXPORTS, exportFile, filterOf, NETWORK_CHOICES, RELATION_TEXT, topEdges } from './networkModel';
import { ChartLegend, StanceChart } from './StanceCharts';
import '../entities/entities.css';
import './network.css';

/** At most this many edges are drawn unless the user sets the minimum weight lower. */
export const EDGE_CAP = 4000;
const STATUSES: ArticleStatus[] = ['not_started', 'in_progress', 'done'];
const POLARITIES: Polarity[] = ['support', 'oppose', 'neutral'];
const POLARITY_NAMES: Record<Polarity, string> = { support: 'Support', oppose: 'Oppose', neutral: 'Neutral' };
const NO_ROWS: AnalysisRow[] = [];

type Tab = 'network' | 'charts';

export function NetworkView() {
  const store = useWorkbenchStore();
  const settings = useWorkbench((s) => s.networkSettings);
  const statementRows = useWorkbench((s) => s.statementRows);
  const loading = useWorkbench((s) => s.statementRowsLoading);
  const entities = useWorkbench((s) => s.entities);
  const statementsExporting = useWorkbench((s) => s.statementsExporting);
  const [tab, setTab] = useState<Tab>('network');
  const [selected, setSelected] = useState<number | null>(null);

  useEffect(() => {
    void store.getState().loadStatementRows();
  }, [store]);

  const { from, to, statuses, polarities } = settings;
  const analysis = useMemo(() => {
    if (!statementRows) return { rows: NO_ROWS, error: null };
    try {
      return { rows: buildAnalysisRows(statementRows, entities, filterOf({ from, to, statuses, polarities })), error: null };
    } catch (err) {
      return { rows: NO_ROWS, error: err instanceof Error ? err.message : String(err) };
    }
  }, [statementRows, entities, from, to, statuses, polarities]);
  const network = useMemo(() => buildNetwork(analysis.rows, settings.kind), [analysis.rows, settings.kind]);
  // Ascending edge weights, shared by the automatic minimum weight and the top-edges table.
  const sortedWeights = useMemo(() => sortedWeightsOf(network), [network]);
  const autoWeight = useMemo(() => autoMinWeight(network, EDGE_CAP, sortedWeights), [network, sortedWeights]);
  const minWeight = settings.minWeight ?? autoWeight;
  const drawn = useMemo(() => drawnEdges(network, minWeight), [network, minWeight]);
  const description = useMemo(() => describeNetwork(network, minWeight, drawn.order.length), [network, minWeight, drawn]);
  // Nodes without a drawn edge (painted faint), when some edge is drawn.
  const isolates = useMemo(() => (drawn.order.length ? linkedNodes(network, drawn).reduce((n, linked) => n + (linked ? 0 : 1), 0) : 0), [network, drawn]);
  useEffect(() => setSelected(null), [network]);

  const set = store.getState().setNetworkSettings;
  // Per network / rows, not per render: 20,000 rows and 2,000 nodes add up while hovering.
  const articles = useMemo(() => new Set(analysis.rows.map((r) => r.articleId)).size, [analysis.rows]);
  const hasUnlinked = useMemo(() => network.nodes.some((n) => n.label.startsWith(UNLINKED_PREFIX)), [network]);

  return (
    <div className="network-view">
      <header className="view-header">
        <button type="button" className="button ghost back" onClick={() => store.getState().setScreen('main')}>
          <span aria-hidden="true">←</span> Back
        </button>
        <div className="view-title">
          <h1>Network</h1>
          <p className="muted small" role="status">
            {loading && !statementRows
              ? 'Loading statements…'
              : statementRows?.length === 0
                ? 'No statements in this workspace yet'
                : `${analysis.rows.length.toLocaleString('en')} of ${(statementRows?.length ?? 0).toLocaleString('en')} statements, from ${articles.toLocaleString('en')} article${articles === 1 ? '' : 's'}`}
          </p>
        </div>
        <div className="tab-list view-tabs" role="tablist" aria-label="Views">
          {(['network', 'charts'] as const).map((t) => (
            <button
              key={t}
              id={`network-tab-${t}`}
              type="button"
              role="tab"
              className="tab"
              aria-selected={tab === t}
              aria-controls={`network-panel-${t}`}
              tabIndex={tab === t ? 0 : -1}
              onClick={() => setTab(t)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                  e.preventDefault();
                  const next = t === 'network' ? 'charts' : 'network';
                  setTab(next);
                  document.getElementById(`network-tab-${next}`)?.focus();
                }
              }}
            >
              {t === 'network' ? 'Network' : 'Charts'}
            </button>
          ))}
        </div>
      </header>
      <div className="network-body">
        <form className="network-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
          <fieldset>
            <legend>Network</legend>
            {NETWORK_CHOICES.map((c) => (
              <label key={c.id} className="choice" title={c.hint}>
                <input type="radio" name="network-kind" checked={settings.kind === c.id} onChange={() => set({ kind: c.id, minWeight: null })} />
                <span>{c.name}</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Article date</legend>
            <div className="date-row">
              <label>
                From
                <input type="date" value={from} max={to || undefined} onChange={(e) => set({ from: e.target.value })} />
              </label>
              <label>
                To
                <input type="date" value={to} min={from || undefined} onChange={(e) => set({ to: e.target.value })} />
              </label>
            </div>
            {(from || to) && <p className="hint">Articles without a date are left out.</p>}
            {analysis.error && (
              <p className="hint error-text" role="alert">
                {analysis.error}
              </p>
            )}
          </fieldset>
          <fieldset>
            <legend>Article status</legend>
            {STATUSES.map((st) => (
              <label key={st} className="choice">
                <input
                  type="checkbox"
                  checked={statuses.includes(st)}
                  onChange={() => set({ statuses: statuses.includes(st) ? statuses.filter((x) => x !== st) : [...statuses, st] })}
                />
                <span>{STATUS_TEXT[st]}</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Polarity</legend>
            {POLARITIES.map((p) => (
              <label key={p} className="choice">
                <input
                  type="checkbox"
                  checked={polarities.includes(p)}
                  onChange={() => set({ polarities: polarities.includes(p) ? polarities.filter((x) => x !== p) : [...polarities, p] })}
                />
                <span className="legend-swatch" style={{ backgroundColor: EDGE_COLOURS[p] }} aria-hidden="true" />
                <span>{POLARITY_NAMES[p]}</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Edges drawn</legend>
            <label className="weight-row">
              Minimum weight
              <input
                type="number"
                min={1}
                step={1}
                value={settings.minWeight ?? ''}
                placeholder={`auto (${autoWeight})`}
                onChange={(e) => set({ minWeight: e.target.value === '' ? null : Math.max(0, Number(e.target.value)) })}
              />
            </label>
            <p className="hint">
              {drawn.order.length.toLocaleString('en')} of {network.edges.length.toLocaleString('en')} edges drawn
              {settings.minWeight === null && network.edges.length > EDGE_CAP ? ` (at most ${EDGE_CAP.toLocaleString('en')} by default)` : ''}.
            </p>
          </fieldset>
          <fieldset>
            <legend>Export</legend>
            <div className="export-buttons" role="group" aria-label="Export">
              {EXPORTS.map((x) => (
                <button
                  key={x.kind}
                  type="button"
                  className="button small"
                  disabled={!analysis.rows.length || (x.kind === 'statements-csv' && statementsExporting)}
                  onClick={() =>
                    x.kind === 'statements-csv'
                      ? void store.getState().exportStatementsCsv(network, analysis.rows)
                      : store.getState().offerFile(exportFile(x.kind, network, analysis.rows))
                  }
                >
                  {x.name}
                </button>
              ))}
            </div>
            <p className="hint">The whole filtered network, also the edges not drawn.</p>
          </fieldset>
        </form>
        <div className="network-main">
          <div id="network-panel-network" role="tabpanel" aria-labelledby="network-tab-network" hidden={tab !== 'network'}>
            {!statementRows ? (
              <p className="muted network-loading">Loading the statements of the workspace…</p>
            ) : statementRows.length === 0 ? (
              <div className="empty-state">
                <h2>No statements yet</h2>
                <p>Open an article, select an actor span and press L (or “Link statement”), pick the claim, then the polarity.</p>
              </div>
            ) : (
              <>
                <NetworkLegend network={network} isolates={isolates} />
                <NetworkDrawing network={network} edges={drawn} description={description} selected={selected} onSelect={setSelected} />
                <EdgeTable network={network} sortedWeights={sortedWeights} selected={selected} onClear={() => setSelected(null)} />
                {hasUnlinked && (
                  <p className="hint">
                    “unlinked:” nodes are mentions not yet linked to an entity or concept; link them from the selected span’s card, or in{' '}
                    <button type="button" className="link-button inline" onClick={() => store.getState().setScreen('entities')}>
                      Entities
                    </button>
                    .
                  </p>
                )}
              </>
            )}
          </div>
          <div id="network-panel-charts" role="tabpanel" aria-labelledby="network-tab-charts" hidden={tab !== 'charts'}>
            {tab === 'charts' && (statementRows ? <Charts rows={analysis.rows} /> : <p className="muted">Loading the statements of the workspace…</p>)}
          </div>
        </div>
      </div>
    </div>
  );
}

function Charts({ rows }: { rows: readonly AnalysisRow[] }) {
  const byActor = useMemo(() => stanceByActor(rows), [rows]);
  const byConcept = useMemo(() => stanceByConcept(rows), [rows]);
  return (
    <div className="charts">
      <ChartLegend />
      <StanceChart title="Stance by actor" data={byActor} noun="actor" />
      <StanceChart title="Stance by concept" data={byConcept} noun="concept" />
    </div>
  );
}

function NetworkLegend({ network, isolates }: { network: Network; isolates: number }) {
  const relations: [string, string][] =
    network.kind === 'two-mode'
      ? POLARITIES.map((p) => [POLARITY_NAMES[p], EDGE_COLOURS[p]])
      : network.kind.endsWith('congruence')
        ? [['Agreement (shared concept and side)', EDGE_COLOURS.congruence]]
        : [['Disagreement (opposite sides)', EDGE_COLOURS.conflict]];
  const nodes: [string, string][] =
    network.kind === 'two-mode'
      ? [
          ['Actor', NODE_COLOURS.actor],
          ['Concept', NODE_COLOURS.concept],
        ]
      : [[network.kind.startsWith('actor') ? 'Actor' : 'Concept', network.kind.startsWith('actor') ? NODE_COLOURS.actor : NODE_COLOURS.concept]];
  return (
    <ul className="chart-legend network-legend" aria-label="Legend">
      {nodes.map(([name, colour]) => (
        <li key={name}>
          <span className="legend-dot" style={{ backgroundColor: colour }} aria-hidden="true" />
          {name}
        </li>
      ))}
      {relations.map(([name, colour]) => (
        <li key={name}>
          <span className="legend-line" style={{ backgroundColor: colour }} aria-hidden="true" />
          {name}
        </li>
      ))}
      <li className="muted">Line width: {network.kind === 'two-mode' ? 'statements' : 'weight'} · node size: statements</li>
      {isolates > 0 && (
        <li className="muted">
          <span className="legend-dot faint" style={{ backgroundColor: nodes[0][1] }} aria-hidden="true" />
          {isolates.toLocaleString('en')} without an edge drawn
        </li>
      )}
    </ul>
  );
}

/** The canvas with its layout; a force layout is computed in slices between frames, drawing as it settles. */
function NetworkDrawing(props: { network: Network; edges: DrawnEdges; description: string; selected: number | null; onSelect(n: number | null): void }) {
  const { network, edges } = props;
  const [layout, setLayout] = useState<Layout | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  useEffect(() => {
    if (network.kind === 'two-mode') {
      setLayout(twoModeLayout(network));
      setProgress(null);
      return;
    }
    const force = new ForceLayout(network, edges);
    setLayout(force.result());
    setProgress(0);
    let frame = 0;
    const tick = () => {
      const done = force.run(12);
      setLayout(force.result());
      setProgress(done ? null : force.iteration / force.iterations);
      if (!done) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [network, edges]);
  return <NetworkCanvas {...props} layout={layout} busy={progress !== null ? `Laying out… ${Math.round(progress * 100)}%` : null} />;
}

function EdgeTable({
  network,
  sortedWeights,
  selected,
  onClear,
}: {
  network: Network;
  sortedWeights: Float64Array;
  selected: number | null;
  onClear(): void;
}) {
  const [limit, setLimit] = useState(25);
  const rows = useMemo(() => topEdges(network, limit, selected, sortedWeights), [network, limit, selected, sortedWeights]);
  const total = useMemo(() => edgeCount(network, selected), [network, selected]);
  const node = selected !== null ? network.nodes[selected] : null;
  const weightName = network.kind === 'two-mode' ? 'Statements' : 'Weight';
  const caption = node ? `Edges of ${node.label}` : 'Top edges';
  return (
    <section className="edge-table-section">
      <div className="edge-table-head">
        <h2>{caption}</h2>
        <span className="muted small">
          {rows.length < total ? `${rows.length} of ${total.toLocaleString('en')}, heaviest first` : `${total} edge${total === 1 ? '' : 's'}`}
        </span>
        {node && (
          <button type="button" className="link-button" onClick={onClear}>
            Show top edges
          </button>
        )}
      </div>
      <table className="library-table edge-table" aria-label={caption}>
        <thead>
          <tr>
            <th>{network.kind === 'two-mode' ? 'Actor' : 'Node'}</th>
            <th>Relation</th>
            <th>{network.kind === 'two-mode' ? 'Concept' : 'Node'}</th>
            <th className="col-num">{weightName}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.index}>
              <td dir="auto">{r.source}</td>
              <td>
                <span className="legend-line" style={{ backgroundColor: EDGE_COLOURS[r.relation] }} aria-hidden="true" /> {RELATION_TEXT[r.relation]}
              </td>
              <td dir="auto">{r.target}</td>
              <td className="col-num">{r.weight}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={4} className="empty-row">
                No edges{network.nodes.length ? '' : ': no statements match the filters'}.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {rows.length < total && (
        <button type="button" className="link-button" onClick={() => setLimit((l) => l + 100)}>
          Show more edges
        </button>
      )}
    </section>
  );
}
