import { describe, expect, it } from 'vitest';
import { labelDifferences } from './schemaMatch';

const label = (id: string, name: string, color = '#000000') => ({ id, name, color });

describe('labelDifferences', () => {
  it('names labels only on one side and labels renamed; ignores colours and order', () => {
    const workspace = { labels: [label('actor', 'Actor'), label('claim', 'Claim'), label('stance', 'Stance')] };
    expect(labelDifferences(workspace, { labels: [label('stance', 'Stance', '#ffffff'), label('actor', 'Actor'), label('claim', 'Claim')] })).toEqual([]);
    expect(labelDifferences(workspace, { labels: [label('actor', 'Speaker'), label('claim', 'Claim'), label('topic', 'Topic')] })).toEqual([
      '"actor" is named "Speaker" in the package and "Actor" in the workspace',
      '"topic" (Topic) only in the package',
      '"stance" (Stance) only in the workspace',
    ]);
  });
});
