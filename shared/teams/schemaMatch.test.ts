import { describe, expect, it } from 'vitest';
import { labelDifferences, labelsToMap, planPackageLabels } from './schemaMatch';

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

describe('planPackageLabels (the lead maps a package of another schema)', () => {
  const workspace = { labels: [{ ...label('actor', 'Actor'), hotkey: '1' }, label('claim', 'Claim'), label('stance', 'Stance')] };
  const pkg = { labels: [label('actor', 'Speaker'), label('claim', 'Claim'), { ...label('topic', 'Topic'), hotkey: '1' }, label('stance', 'Position')] };
  const newId = (name: string, taken: ReadonlySet<string>) => {
    let id = name.toLowerCase();
    for (let n = 2; taken.has(id); n++) id = `${name.toLowerCase()}-${n}`;
    return id;
  };

  it('asks only about package labels not in the workspace as they are', () => {
    expect(labelsToMap(workspace, pkg).map((l) => l.id)).toEqual(['actor', 'topic', 'stance']);
  });

  it('maps onto workspace labels, adds others (keeping a free id, dropping a taken hotkey), and names what is unanswered', () => {
    const plan = planPackageLabels(workspace, pkg, { actor: 'actor', topic: 'add' }, newId);
    expect([...plan.target]).toEqual([
      ['actor', 'actor'],
      ['claim', 'claim'],
      ['topic', 'topic'],
    ]);
    expect(plan.added).toEqual([label('topic', 'Topic')]);
    expect(plan.unmapped.map((l) => l.id)).toEqual(['stance']);
    expect(plan.workspaceOnly.map((l) => l.id)).toEqual(['stance']);
  });

  it("adds a label whose id is taken under a new id, and reuses a workspace label of the same name instead of adding it twice", () => {
    const plan = planPackageLabels(workspace, pkg, { actor: 'add', topic: 'claim', stance: 'add' }, newId);
    expect(plan.added.map((l) => [l.id, l.name])).toEqual([
      ['speaker', 'Speaker'],
      ['position', 'Position'],
    ]);
    expect(Object.fromEntries(plan.target)).toEqual({ actor: 'speaker', claim: 'claim', topic: 'claim', stance: 'position' });
    // The same answer against the schema with those labels added: nothing added again.
    const after = { labels: [...workspace.labels, ...plan.added] };
    const again = planPackageLabels(after, pkg, { actor: 'add', topic: 'claim', stance: 'add' }, newId);
    expect(again.added).toEqual([]);
    expect(Object.fromEntries(again.target)).toEqual(Object.fromEntries(plan.target));
  });

  it('treats a mapping onto a label the workspace lacks as no answer', () => {
    expect(planPackageLabels(workspace, pkg, { actor: 'nope', topic: 'add', stance: 'stance' }, newId).unmapped.map((l) => l.id)).toEqual(['actor']);
  });
});
