/**
 * listArticleLayers' reply parts: layers without the annotator and times each span repeats, and
 * span places over the layers that code the article, made once per record read.
 */
import { describe, expect, it } from 'vitest';
import type { AnnotatorLayerRecord } from '../../shared/domain/layers';
import { articleLayerOf, spanPlacesOf } from './layerReply';
import { makeSpan } from './testWorkspace';

const T = '2024-05-01T10:00:00.000Z';
const record = (annotator: string, spans: AnnotatorLayerRecord['spans'], status: AnnotatorLayerRecord['status'] = 'done'): AnnotatorLayerRecord => ({
  formatVersion: 1,
  articleId: 'a1',
  annotator,
  revision: 1,
  status,
  updatedAt: T,
  packageId: 'p1',
  collectedAt: T,
  textSha256: 'a'.repeat(64),
  spans,
  statements: [],
  entities: [],
});

describe('layer reply', () => {
  it('sends spans without who made them and when, keeping everything else', () => {
    const r = record('ann', [makeSpan('s1', 'actor', 0, 5, { annotator: 'ann', note: 'n', entityId: 'e1' })]);
    expect(articleLayerOf(r).spans).toEqual([{ id: 's1', labelId: 'actor', start: 0, end: 5, note: 'n', entityId: 'e1' }]);
    expect(articleLayerOf(r)).toBe(articleLayerOf(r));
  });

  it('places the layers that code the article only, and computes them again only for other records', () => {
    const ann = record('ann', [makeSpan('a1', 'actor', 0, 5), makeSpan('a2', 'claim', 10, 20)]);
    const bob = record('bob', [makeSpan('b1', 'actor', 0, 5), makeSpan('b2', 'claim', 10, 25)]);
    const cy = record('cy', [], 'not_started');
    const places = spanPlacesOf([ann, bob, cy]);
    expect(places).toEqual({ annotators: ['ann', 'bob'], agreedFrom: 'ann', agreed: [0], items: [{ start: 10, end: 25, options: [[1], [1]] }] });
    expect(spanPlacesOf([ann, bob, cy])).toBe(places);
    const bob2 = record('bob', [makeSpan('b1', 'actor', 0, 5), makeSpan('b2', 'claim', 10, 20)]);
    expect(spanPlacesOf([ann, bob2])).toEqual({ annotators: ['ann', 'bob'], agreedFrom: 'ann', agreed: [0, 1], items: [] });
    expect(spanPlacesOf([cy]).items).toEqual([]);
  });
});
