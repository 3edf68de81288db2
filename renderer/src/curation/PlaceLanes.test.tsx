// @vitest-environment happy-dom
/**
 * The lanes of a place: each annotator's spans marked on the same stretch of text, overlapping
 * and discontinuous spans included, on Arabic text with an emoji (UTF-16 offsets).
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Label, Span } from '../../../shared/domain/model';
import { PlaceLanes } from './PlaceLanes';

afterEach(cleanup);

const T = '2024-05-01T10:00:00.000Z';
const TEXT = 'قال ظريف 😮‍💨 إن المحادثات ستستمر في جنيف';
const at = (w: string) => TEXT.indexOf(w);
const span = (id: string, labelId: string, start: number, end: number, fragments?: Span['fragments']): Span => ({
  id,
  labelId,
  start,
  end,
  ...(fragments ? { fragments } : {}),
  annotator: 'x',
  createdAt: T,
  updatedAt: T,
});
const labels: Label[] = [
  { id: 'actor', name: 'Actor', color: '#2563eb' },
  { id: 'claim', name: 'Claim', color: '#059669' },
];

describe('PlaceLanes', () => {
  it('marks each annotator\'s spans on the same text, one lane each', () => {
    const place = { start: at('ظريف'), end: at('جنيف') + 'جنيف'.length };
    const ann = [span('a1', 'actor', at('ظريف'), at('ظريف') + 4)];
    // bob: a claim over "المحادثات ستستمر" inside a longer one, and a discontinuous actor "ظريف … جنيف".
    const bob = [
      span('b1', 'claim', at('المحادثات'), at('في')),
      span('b2', 'claim', at('المحادثات'), at('ستستمر') + 6),
      span('b3', 'actor', at('ظريف'), at('جنيف') + 4, [
        { start: at('ظريف'), end: at('ظريف') + 4 },
        { start: at('جنيف'), end: at('جنيف') + 4 },
      ]),
    ];
    render(<PlaceLanes text={TEXT} range={place} lanes={[{ annotator: 'ann', spans: ann }, { annotator: 'bob', spans: bob }]} labels={labels} />);
    const lanes = within(screen.getByRole('list', { name: "Each annotator's spans here" })).getAllByRole('listitem');
    expect(lanes.map((l) => l.textContent)).toEqual([`ann${TEXT}`, `bob${TEXT}`]);
    const marks = (i: number) => [...lanes[i].querySelectorAll('mark')].map((m) => [m.textContent, m.getAttribute('title')]);
    expect(marks(0)).toEqual([['ظريف', 'Actor']]);
    expect(marks(1)).toEqual([
      ['ظريف', 'Actor'],
      ['المحادثات ستستمر', 'Claim, Claim'],
      [' ', 'Claim'],
      ['جنيف', 'Actor'],
      // The space before "في" is covered by the longer claim only.
    ]);
  });
});
