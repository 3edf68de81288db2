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
import { rangesOf, type AgreementArticle, type TextRange } from './input';
import { alphaUnitizing, type UnitizingUnit } from './unitizing';

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

/** alpha_U of `raters` over `articles` (all of which they coded), per label and overall. */
export function spanAlpha(articles: readonly AgreementArticle[], raters: readonly string[], labels: ReadonlySet<string>): LabelledAlpha {
  const units: UnitizingUnit[] = [];
  let offset = 0;
  for (const article of articles) {
    raters.forEach((annotator, rater) => {
      for (const [category, pieces] of mergedPieces(article, annotator, labels))
        for (const p of pieces) units.push({ begin: offset + p.start, length: p.end - p.start, rater, category });
    });
    offset += article.text.length;
  }
  const result = alphaUnitizing({ begin: 0, length: offset, raters: raters.length, units });
  return { overall: result.overall, byLabel: Object.fromEntries(result.byCategory) };
}
