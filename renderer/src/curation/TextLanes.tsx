/**
 * The curation lanes over the article text (laneLayout.ts, lanePainter.ts): mounted by ArticleText,
 * drawn while the Curation tab is shown for an article with coded annotator layers, one lane per
 * annotator, without the ones the legend has hidden. Renders nothing itself.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ArticleLayer } from '../../../shared/api/teamContract';
import { useDocument, useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { laneIntervals, laneLayers, laneStyles, type LaneIntervals } from './laneLayout';
import { createLanePainter, type LanePainter, type PaintedLane } from './lanePainter';
import { hiddenLanes, useHiddenLanes } from './laneVisibility';

/** A layer's intervals, computed once per collected layer (they are immutable; a new collect is a new object). */
const intervalsOf = new WeakMap<ArticleLayer, LaneIntervals>();
function intervalsFor(layer: ArticleLayer): LaneIntervals {
  let lane = intervalsOf.get(layer);
  if (!lane) intervalsOf.set(layer, (lane = laneIntervals(layer.spans)));
  return lane;
}

export function TextLanes({ rootRef }: { rootRef: React.RefObject<HTMLElement | null> }) {
  const store = useWorkbenchStore();
  const curating = useWorkbench((s) => s.sideTab === 'curation');
  const layers = useDocument((doc) => doc.layers);
  const paragraphs = useDocument((doc) => doc.paragraphs);
  const hidden = useHiddenLanes(store);
  const lanes = useMemo((): PaintedLane[] => {
    if (!curating) return [];
    const drawn = laneLayers(layers);
    const styles = laneStyles(drawn.map((l) => l.annotator));
    return drawn.map((layer, k) => ({ style: styles[k], intervals: intervalsFor(layer) }));
  }, [curating, layers]);
  const [painter, setPainter] = useState<LanePainter | null>(null);
  useEffect(() => {
    const root = rootRef.current;
    const created = root && lanes.length ? createLanePainter(root, paragraphs, lanes, hiddenLanes(store)) : null;
    setPainter(created);
    return () => created?.dispose();
  }, [rootRef, paragraphs, lanes, store]);
  useEffect(() => painter?.setHidden(hidden), [painter, hidden]);
  return null;
}
