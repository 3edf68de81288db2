/**
 * One span per overlap group, for doccano projects without "Allow overlapping spans". Such a
 * project's import (doccano v1.8.5, backend/data_import/pipeline/labels.py, `Spans.clean`) sorts
 * a document's spans by start and silently keeps only those starting at or after the end of the
 * last one kept; a relation to a span it dropped then stops the import with a KeyError
 * (label.py, `RelationLabel.create`: `id_to_span[(from_id, …)]`). The export therefore chooses
 * itself, and says what it left out.
 *
 * Rule: spans whose extents overlap (one starts before the other ends; touching is no overlap,
 * as in `Spans.clean`), directly or through a chain, form a group; of each group the longest is
 * kept, ties going to the earliest start, then to the first listed. Kept spans never overlap, so
 * doccano's own filter keeps them all.
 */

export interface Extent {
  start: number;
  end: number;
}

export interface OverlapChoice {
  /** Indices (into the input) of the spans kept, ascending. */
  kept: number[];
  /** Each span left out, with the index of the span its group kept. */
  dropped: { index: number; keptIndex: number }[];
}

/** Pick one span per overlap group (see the module comment). Offsets may be in any one unit. */
export function oneSpanPerOverlapGroup(extents: readonly Extent[]): OverlapChoice {
  const order = extents.map((_, i) => i).sort((a, b) => extents[a].start - extents[b].start || a - b);
  const kept: number[] = [];
  const dropped: OverlapChoice['dropped'] = [];
  let group: number[] = [];
  let groupEnd = -Infinity;
  const closeGroup = () => {
    if (!group.length) return;
    const best = group.reduce((b, i) => (better(extents, i, b) ? i : b));
    kept.push(best);
    for (const i of group) if (i !== best) dropped.push({ index: i, keptIndex: best });
    group = [];
  };
  for (const i of order) {
    if (extents[i].start >= groupEnd) {
      closeGroup();
      groupEnd = extents[i].end;
    } else groupEnd = Math.max(groupEnd, extents[i].end);
    group.push(i);
  }
  closeGroup();
  kept.sort((a, b) => a - b);
  dropped.sort((a, b) => a.index - b.index);
  return { kept, dropped };
}

/** True when span `a` wins over span `b`: longer, else earlier start, else listed first. */
function better(extents: readonly Extent[], a: number, b: number): boolean {
  const la = extents[a].end - extents[a].start;
  const lb = extents[b].end - extents[b].start;
  if (la !== lb) return la > lb;
  if (extents[a].start !== extents[b].start) return extents[a].start < extents[b].start;
  return a < b;
}
