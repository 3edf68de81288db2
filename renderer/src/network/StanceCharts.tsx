/**
 * Stance distribution charts: for each actor (and each concept) a horizontal bar stacked by
 * polarity (support, oppose, neutral), longest first, drawn in SVG with a legend and the counts
 * written on the bars. Each chart is a figure named by its title; the SVG's name summarises it
 * and every bar has a text title, so the numbers are there for screen readers too.
 */
import { useState } from 'react';
import type { Polarity } from '../../../shared/domain/model';
import type { StanceDistribution } from '../../../shared/network/charts';
import { EDGE_COLOURS } from '../../../shared/network/networks';

const POLARITIES: Polarity[] = ['support', 'oppose', 'neutral'];
const NAMES: Record<Polarity, string> = { support: 'Support', oppose: 'Oppose', neutral: 'Neutral' };
const FIRST = 15;
const ROW = 24;
const BAR = 16;
const LABEL_W = 290;
const WIDTH = 720;
const COUNT_W = 44;

function shortLabel(text: string, max = 42): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function StanceChart({ title, data, noun }: { title: string; data: readonly StanceDistribution[]; noun: string }) {
  const [all, setAll] = useState(false);
  const shown = all ? data : data.slice(0, FIRST);
  const max = Math.max(1, ...shown.map((d) => d.total));
  const barArea = WIDTH - LABEL_W - COUNT_W;
  const height = shown.length * ROW + 8;
  const totals = POLARITIES.map((p) => data.reduce((n, d) => n + d[p], 0));
  const summary = `${title}: ${data.length} ${noun}${data.length === 1 ? '' : 's'}; ${POLARITIES.map((p, i) => `${totals[i]} ${p}`).join(', ')}${
    data[0] ? `. Most statements: ${data[0].label} (${data[0].total})` : ''
  }.`;
  return (
    <figure className="stance-chart" aria-label={title}>
      <figcaption>
        <h3>{title}</h3>
        <span className="muted small">
          {data.length} {noun}
          {data.length === 1 ? '' : 's'}
          {data.length > shown.length ? `, the ${shown.length} with most statements` : ''}
        </span>
      </figcaption>
      {data.length === 0 ? (
        <p className="muted">No statements match the filters.</p>
      ) : (
        <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={summary}>
          {shown.map((d, row) => {
            const y = row * ROW + 4;
            let x = LABEL_W;
            return (
              <g key={d.key} className="chart-row">
                <title>{`${d.label}: ${POLARITIES.map((p) => `${d[p]} ${p}`).join(', ')} (${d.total} statements)`}</title>
                <text x={LABEL_W - 8} y={y + BAR / 2} className="chart-label" textAnchor="end" dominantBaseline="central">
                  {shortLabel(d.label)}
                </text>
                {POLARITIES.map((p) => {
                  if (!d[p]) return null;
                  const w = (d[p] / max) * barArea;
                  const rect = (
                    <g key={p}>
                      <rect x={x} y={y} width={Math.max(w, 1)} height={BAR} fill={EDGE_COLOURS[p]} rx={2} />
                      {w >= 18 && (
                        <text x={x + w / 2} y={y + BAR / 2} className="chart-count-in" textAnchor="middle" dominantBaseline="central">
                          {d[p]}
                        </text>
                      )}
                    </g>
                  );
                  x += w;
                  return rect;
                })}
                <text x={x + 6} y={y + BAR / 2} className="chart-total" dominantBaseline="central">
                  {d.total}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      {data.length > FIRST && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? `Show the first ${FIRST}` : `Show all ${data.length}`}
        </button>
      )}
    </figure>
  );
}

export function ChartLegend() {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {POLARITIES.map((p) => (
        <li key={p}>
          <span className="legend-swatch" style={{ backgroundColor: EDGE_COLOURS[p] }} aria-hidden="true" />
          {NAMES[p]}
        </li>
      ))}
    </ul>
  );
}
