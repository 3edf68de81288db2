/**
 * What listArticleLayers sends (shared/api/teamContract.ts), made once per layer read rather than
 * per request: layerStore.ts serves an unchanged file's record from memory (the same frozen
 * object), so both are kept by record.
 *  - each layer without the annotator and times every span and statement repeats;
 *  - the span places of the layers that code the article (shared/agreement/curation.ts), which
 *    the Curation tab would otherwise compute in the page while the article opens (~0.1–0.2 s
 *    for 3 × 20,000 spans there, while the service waits for the page to draw the text).
 */
import type { ArticleLayer } from '../../shared/api/teamContract';
import { spanPlaceIndexes, type SpanPlaceIndexes } from '../../shared/agreement/curation';
import { codedAnything, collectedSpan, collectedStatement, type AnnotatorLayerRecord } from '../../shared/domain/layers';

const sentLayers = new WeakMap<AnnotatorLayerRecord, ArticleLayer>();

export function articleLayerOf(record: AnnotatorLayerRecord): ArticleLayer {
  let layer = sentLayers.get(record);
  if (!layer) {
    const { annotator, revision, status, updatedAt, collectedAt, entities } = record;
    layer = { annotator, revision, status, updatedAt, collectedAt, spans: record.spans.map(collectedSpan), statements: record.statements.map(collectedStatement), entities };
    sentLayers.set(record, layer);
  }
  return layer;
}

/** By the first coded record: the places and every record they were computed from. */
const placesByRecords = new WeakMap<AnnotatorLayerRecord, { records: readonly AnnotatorLayerRecord[]; places: SpanPlaceIndexes }>();

/** The span places of the records that code the article (as the Curation tab takes them), positions in their spans. */
export function spanPlacesOf(records: readonly AnnotatorLayerRecord[]): SpanPlaceIndexes {
  const coded = records.filter(codedAnything);
  if (!coded.length) return spanPlaceIndexes([]);
  const known = placesByRecords.get(coded[0]);
  if (known && known.records.length === coded.length && known.records.every((r, i) => r === coded[i])) return known.places;
  const places = spanPlaceIndexes(coded);
  placesByRecords.set(coded[0], { records: coded, places });
  return places;
}
