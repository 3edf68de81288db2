/**
 * alpha_U over the characters of several articles. The articles are laid end to end into one
 * continuum (each article's offsets shifted by the lengths of the articles before it), so a
 * coefficient covers the whole sample and long articles weigh more, as every character does.
 *
 * Spans become units, one per fragment of a discontinuous span. alpha_U does not allow one rater
 * two overlapping units of one category, so one annotator's overlapping same-label pieces are
 * merged into their union first; pieces that only touch stay separate units.
 */
import type { Alpha } from './coefficient';
import { PerLayer, rangesOf, type AgreementArticle, type TextRange } from './input';
import { alphaUnitizingTracks, type Track } from './unitizing';

export interface LabelledAlpha {
  overall: Alpha;
  byLabel: Record<string, Alpha>;
}

/** One annotator's pieces of one label, sorted, overlaps merged, clipped to the text. */
export function mergedPieces(article: AgreementArticle, annotator: string, labels: ReadonlySet<string>): Map<string, TextRange[]> {
  const byLabel = new Map<string, TextRange[]>();
  for (const span of article.layers[annotator].spans) {
    if (!labels.has(span.labelId)) continue;
    let list = byLabel.get(span.labelId);
    if (!list) byLabel.set(span.labelId, (list = []));
    for (const r of rangesOf(span)) {
      const start = Math.max(0, r.start);
      const end = Math.min(article.text.length, r.end);
      if (end > start) list.push({ start, end });
    }
  }
  for (const [label, list] of byLabel) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    const merged: TextRange[] = [];
    for (const r of list) {
      const last = merged[merged.length - 1];
      if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
      else merged.push({ ...r });
    }
    byLabel.set(label, merged);
  }
  return byLabel;
}

/**
 * Each annotator's merged pieces per article, computed once for all the alpha_U of a report.
 * Kept as [start, end, start, end, ...] per label: one typed array instead of an object per
 * piece, which a report holds from the first alpha_U to the last.
 */
export class MergedPieces extends PerLayer<Map<string, Int32Array>> {
  constructor(labels: ReadonlySet<string>) {
    super((article, annotator) => {
      const pieces = new Map<string, Int32Array>();
      for (const [label, list] of mergedPieces(article, annotator, labels)) pieces.set(label, Int32Array.from(list.flatMap((p) => [p.start, p.end])));
      return pieces;
    });
  }
}

/** alpha_U of `raters` over `articles` (all of which they coded), per label and overall. */
export function spanAlpha(articles: readonly AgreementArticle[], raters: readonly string[], pieces: MergedPieces): LabelledAlpha {
  // The units go straight into their (label, rater) tracks: articles are laid end to end in
  // order and one annotator's merged pieces of a label are sorted, so every track is too.
  const tracks = new Map<string, Track[]>();
  let offset = 0;
  for (const article of articles) {
    raters.forEach((annotator, rater) => {
      for (const [category, list] of pieces.of(article, annotator)) {
        // A label whose spans all lie outside the text has no unit, as alphaUnitizing would not see it.
        if (list.length === 0) continue;
        let perRater = tracks.get(category);
        if (!perRater) tracks.set(category, (perRater = raters.map(() => ({ begins: [], lengths: [] }))));
        const track = perRater[rater];
        for (let i = 0; i < list.length; i += 2) {
          track.begins.push(offset + list[i]);
          track.lengths.push(list[i + 1] - list[i]);
        }
      }
    });
    offset += article.text.length;
  }
  const result = alphaUnitizingTracks({ begin: 0, length: offset, raters: raters.length }, tracks);
  return { overall: result.overall, byLabel: Object.fromEntries(result.byCategory) };
}
