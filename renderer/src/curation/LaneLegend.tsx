/**
 * The legend of the lanes drawn over the text while curating (TextLanes): each annotator's name
 * drawn in their lane's colour and line, with a "Show NAME's layer" box that hides or shows that
 * lane. Plain checkboxes: Tab reaches them, Space toggles.
 */
import type { CSSProperties } from 'react';
import { useWorkbenchStore } from '../store/StoreContext';
import { laneDeclarations, laneStyles } from './laneLayout';
import { setLaneShown, useHiddenLanes } from './laneVisibility';

const camel = (property: string) => property.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

export function LaneLegend({ annotators }: { annotators: readonly string[] }) {
  const store = useWorkbenchStore();
  const hidden = useHiddenLanes(store);
  return (
    <fieldset className="curation-legend">
      <legend className="small">Layers in the text</legend>
      {laneStyles(annotators).map((style) => {
        const look = Object.fromEntries(Object.entries(laneDeclarations(style)).map(([p, v]) => [camel(p), v])) as CSSProperties;
        return (
          <label key={style.annotator} className="curation-legend-item">
            <input
              type="checkbox"
              checked={!hidden.has(style.annotator)}
              onChange={(e) => setLaneShown(store, style.annotator, e.currentTarget.checked)}
              aria-label={`Show ${style.annotator}'s layer`}
            />
            <span className="curation-legend-sample" style={look}>
              {style.annotator}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
