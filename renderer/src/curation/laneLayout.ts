/**
 * The pure part of the curation lanes (docs/teams.md, "Curation"): while the Curation tab is
 * shown, every coded annotator's spans are drawn over the article text as a line of its own under
 * the text (lanePainter.ts draws them with CSS custom highlights). Here: which stretches of the
 * text a lane covers (one annotator's spans as sorted, disjoint intervals, found per paragraph by
 * binary search), which paragraphs are near the viewport (by their boxes), and how each lane looks: its own colour AND its own line style and row under
 * the text, so lanes never differ by colour alone. No DOM; offsets are UTF-16 code units (model.ts).
 */
import { byCodeUnits } from '../../../shared/agreement/input';
import { codedAnything } from '../../../shared/domain/layers';

interface Piece {
  start: number;
  end: number;
}
/** What a lane needs of a span: its range, or its fragments when it is discontinuous. */
export interface LaneSpan extends Piece {
  fragments?: readonly Piece[];
}

/**
 * One annotator's spans as sorted, disjoint intervals, flat: [start0, end0, start1, end1, ...].
 * Overlapping and touching spans merge (a lane is a line: where it runs, that annotator marked
 * something; which label, the place's own lanes in the panel say).
 */
export type LaneIntervals = readonly number[];

export function laneIntervals(spans: readonly LaneSpan[]): LaneIntervals {
  const pieces: Piece[] = [];
  let sorted = true;
  for (const s of spans) {
    for (const p of s.fragments?.length ? s.fragments : [s]) {
      if (p.end <= p.start) continue;
      if (pieces.length && p.start < pieces[pieces.length - 1].start) sorted = false;
      pieces.push(p);
    }
  }
  // A layer's spans come in reading order (as stored); fragments of a discontinuous span may not.
  if (!sorted) pieces.sort((a, b) => a.start - b.start);
  const out: number[] = [];
  for (const p of pieces) {
    const last = out.length - 1;
    if (last > 0 && p.start <= out[last]) out[last] = Math.max(out[last], p.end);
    else out.push(p.start, p.end);
  }
  return out;
}

/** The parts of a lane's intervals inside [from, to), clipped to it, flat as in LaneIntervals. */
export function intervalsWithin(lane: LaneIntervals, from: number, to: number): number[] {
  // The first interval ending after `from` (ends are sorted too: the intervals are disjoint).
  let lo = 0;
  let hi = lane.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lane[2 * mid + 1] <= from) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let k = 2 * lo; k < lane.length && lane[k] < to; k += 2) out.push(Math.max(lane[k], from), Math.min(lane[k + 1], to));
  return out;
}

/**
 * The items [from, to) of a vertical stack (chunks, paragraphs: in order, top to bottom) whose
 * extent meets [top, bottom): a binary search for the first, so only a handful of boxes are read.
 */
export function itemsWithin(count: number, extent: (i: number) => { top: number; bottom: number }, top: number, bottom: number): [number, number] {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (extent(mid).bottom <= top) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < count && extent(to).top < bottom) to++;
  return [lo, to];
}

/** The layers that are drawn, in the order the Curation plan lists them (their keys 1–9). */
export function laneLayers<L extends Parameters<typeof codedAnything>[0] & { annotator: string }>(layers: readonly L[]): L[] {
  // A layer of an article its annotator never started is missing, not an opinion (as in the plan).
  return layers.filter(codedAnything).sort((a, b) => byCodeUnits(a.annotator, b.annotator));
}

export type LaneLine = 'solid' | 'dashed' | 'dotted' | 'double' | 'wavy';

export interface LaneStyle {
  annotator: string;
  /** The CSS custom highlight's name (`CSS.highlights`, `::highlight(name)`): `wb-lane-1` for the first annotator. */
  name: string;
  color: string;
  line: LaneLine;
  /** Line thickness and distance below the text, in em of the article's font. */
  thickness: number;
  offset: number;
}

/**
 * Dark enough to read on the gold highlights' pale tints, apart from each other, and apart from
 * the default labels' blue, amber and green (their bars sit just above the lanes).
 */
const COLORS = ['#c026d3', '#1f2937', '#0891b2', '#9f1239', '#65a30d', '#6d28d9', '#a16207', '#64748b'];
/** Solid, dashed and dotted read apart best, so they come first; each with the thickness that reads in its row. */
const LINES: readonly { line: LaneLine; thickness: number }[] = [
  { line: 'solid', thickness: 0.1 },
  { line: 'dashed', thickness: 0.1 },
  { line: 'dotted', thickness: 0.15 },
  // Two lines of this thickness and a gap as wide; a wave as high as several.
  { line: 'double', thickness: 0.06 },
  { line: 'wavy', thickness: 0.06 },
];
/** The first row under the text, in em below the underline's usual place: below the gold highlights' label bars (one or two). */
const FIRST_ROW = 0.62;
const ROW_GAP = 0.2;

/** Each annotator's lane, in the given order: lane k has colour k and line style k (both cycle, never together within 40 lanes), in row k. */
export function laneStyles(annotators: readonly string[]): LaneStyle[] {
  return annotators.map((annotator, k) => ({
    annotator,
    name: `wb-lane-${k + 1}`,
    color: COLORS[k % COLORS.length],
    ...LINES[k % LINES.length],
    offset: round(FIRST_ROW + k * ROW_GAP),
  }));
}

/**
 * The text's line height while `count` lanes are drawn (the article's own is 1.7): room below the
 * text for every row, above the next line's letters (~0.9 em above its baseline).
 */
export function laneLineHeight(count: number): number {
  return Math.max(1.7, round(1.9 + Math.max(0, count - 1) * ROW_GAP));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The declarations that draw a lane: for its `::highlight()` rule and the legend's sample. */
export function laneDeclarations(style: LaneStyle): Record<string, string> {
  return {
    'text-decoration-line': 'underline',
    'text-decoration-style': style.line,
    'text-decoration-color': style.color,
    'text-decoration-thickness': `${style.thickness}em`,
    'text-underline-offset': `${style.offset}em`,
    // Through descenders too: a lane with gaps at every "g" and "p" reads as several spans.
    'text-decoration-skip-ink': 'none',
  };
}

/** The style sheet rule that draws a lane's highlight. */
export function laneRule(style: LaneStyle): string {
  const body = Object.entries(laneDeclarations(style))
    .map(([property, value]) => `${property}: ${value};`)
    .join(' ');
  return `::highlight(${style.name}) { ${body} }`;
}
