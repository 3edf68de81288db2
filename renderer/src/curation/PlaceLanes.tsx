/**
 * One lane per annotator for the place being curated: the same stretch of text (the place and a
 * little around it) with that annotator's spans marked in their labels' colours, so the options
 * can be compared by eye before a key takes one. Offsets are UTF-16 code units (model.ts); the
 * stretch is widened to whole characters, never splitting a surrogate pair.
 */
import type { CollectedSpan } from '../../../shared/domain/layers';
import type { Label } from '../../../shared/domain/model';

const CONTEXT = 24;

export interface Lane {
  annotator: string;
  spans: readonly CollectedSpan[];
}

/** Cut points of the stretch: its ends and every span edge inside it, sorted. */
function segments(from: number, to: number, spans: readonly CollectedSpan[]): { start: number; end: number; covering: CollectedSpan[] }[] {
  const pieces = spans.flatMap((s) => s.fragments ?? [{ start: s.start, end: s.end }]);
  const cuts = new Set<number>([from, to]);
  for (const p of pieces) {
    if (p.start > from && p.start < to) cuts.add(p.start);
    if (p.end > from && p.end < to) cuts.add(p.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let k = 0; k + 1 < sorted.length; k++) {
    const start = sorted[k];
    const end = sorted[k + 1];
    const covering = spans.filter((s) => (s.fragments ?? [{ start: s.start, end: s.end }]).some((r) => r.start <= start && r.end >= end));
    out.push({ start, end, covering });
  }
  return out;
}

const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

export function PlaceLanes({ text, range, lanes, labels }: { text: string; range: { start: number; end: number }; lanes: readonly Lane[]; labels: readonly Label[] }) {
  let from = Math.max(0, range.start - CONTEXT);
  let to = Math.min(text.length, range.end + CONTEXT);
  if (from > 0 && isLow(text.charCodeAt(from))) from--;
  if (to < text.length && isLow(text.charCodeAt(to))) to++;
  const colour = (id: string) => labels.find((l) => l.id === id)?.color ?? '#888';
  const name = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  return (
    <ul className="curation-lanes" aria-label="Each annotator's spans here">
      {lanes.map((lane) => (
        <li key={lane.annotator}>
          <span className="curation-lane-name">{lane.annotator}</span>
          <span className="curation-lane-text" dir="auto">
            {from > 0 && '…'}
            {segments(from, to, lane.spans).map((seg) =>
              seg.covering.length ? (
                <mark
                  key={seg.start}
                  style={{ '--label-color': colour(seg.covering[0].labelId) } as React.CSSProperties}
                  title={seg.covering.map((s) => name(s.labelId)).join(', ')}
                >
                  {text.slice(seg.start, seg.end)}
                </mark>
              ) : (
                <span key={seg.start}>{text.slice(seg.start, seg.end)}</span>
              ),
            )}
            {to < text.length && '…'}
          </span>
        </li>
      ))}
    </ul>
  );
}
