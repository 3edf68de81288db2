/**
 * The Team screen's store: collecting asks before taking unassigned work and goes on with the
 * files after it, and a disagreement's place opens the article with that range selected.
 */
import { describe, expect, it } from 'vitest';
import type { OperationInput } from '../../../shared/api/contract';
import { documentOf } from '../store/documentState';
import { createTestStore } from '../test/testStore';

const pkg = (name: string) => new File([new Uint8Array([0x50, 0x4b, 3, 4])], name);

describe('team slice', () => {
  it('stops at a package with unassigned work, then takes it or skips it as the lead answers, and goes on with the rest', async () => {
    const t = await createTestStore({ open: null });
    const calls: [string, boolean][] = [];
    // The service's answers: ann's package holds unassigned work until accepted; bob's is fine.
    t.api.collectWorkPackage = async (input: OperationInput<'collectWorkPackage'>) => {
      const name = 'name' in input.file ? input.file.name : '';
      calls.push([name, input.acceptUnassigned ?? false]);
      if (name === 'ann-work.wbpkg' && !input.acceptUnassigned) return { status: 'needsAcceptance', annotator: 'ann', articleIds: ['a9'], message: 'not assigned' };
      return { status: 'collected', annotator: name.slice(0, 3), packageId: 'p1', written: 1, unchanged: 0, unassignedAccepted: input.acceptUnassigned ? 1 : 0, proposals: [], labelsAdded: [], workspaceOnlyLabels: [] };
    };

    await t.state().collectWork([pkg('ann-work.wbpkg'), pkg('bob-work.wbpkg')]);
    expect(calls).toEqual([['ann-work.wbpkg', false]]);
    expect(t.state().pendingAcceptance).toMatchObject({ fileName: 'ann-work.wbpkg', annotator: 'ann', articleIds: ['a9'] });

    await t.state().answerAcceptance(true);
    expect(calls.slice(1)).toEqual([
      ['ann-work.wbpkg', true],
      ['bob-work.wbpkg', false],
    ]);
    expect(t.state().pendingAcceptance).toBeNull();
    expect(t.state().notice?.message).toBe('bob-work.wbpkg (bob): 1 layer collected');

    calls.length = 0;
    await t.state().collectWork([pkg('ann-work.wbpkg'), pkg('bob-work.wbpkg')]);
    await t.state().answerAcceptance(false);
    expect(calls).toEqual([
      ['ann-work.wbpkg', false],
      ['bob-work.wbpkg', false],
    ]);
  });

  it('goes to a disagreement: the article opens with its range selected', async () => {
    const t = await createTestStore({ open: null });
    t.state().setScreen('team');
    const id = t.state().articles[0].id;
    await t.state().goToRange(id, { start: 0, end: 9 });
    expect(t.state().screen).toBe('main');
    expect(documentOf(t.state()).article?.id).toBe(id);
    expect(t.state().textSelection).toEqual({ anchor: 0, focus: 9 });
  });

  it('stops at a package of another label schema; the mapping given is kept when unassigned work is asked next, and skipping goes on with the rest', async () => {
    const t = await createTestStore({ open: null });
    const calls: OperationInput<'collectWorkPackage'>[] = [];
    t.api.collectWorkPackage = async (input: OperationInput<'collectWorkPackage'>) => {
      calls.push(input);
      const name = 'name' in input.file ? input.file.name : '';
      if (name === 'ann-work.wbpkg' && !input.labelMapping) return { status: 'needsLabelMapping', annotator: 'ann', message: 'another schema', labels: [{ id: 'topic', name: 'Topic' }] };
      if (name === 'ann-work.wbpkg' && !input.acceptUnassigned) return { status: 'needsAcceptance', annotator: 'ann', articleIds: ['a9'], message: 'not assigned' };
      return { status: 'collected', annotator: name.slice(0, 3), packageId: 'p1', written: 1, unchanged: 0, unassignedAccepted: 0, proposals: [], labelsAdded: ['topic'], workspaceOnlyLabels: [] };
    };
    await t.state().collectWork([pkg('ann-work.wbpkg'), pkg('bob-work.wbpkg')]);
    expect(t.state().pendingLabelMapping).toMatchObject({ fileName: 'ann-work.wbpkg', labels: [{ id: 'topic', name: 'Topic' }] });
    await t.state().answerLabelMapping({ topic: 'add' });
    expect(t.state().pendingLabelMapping).toBeNull();
    expect(t.state().pendingAcceptance).toMatchObject({ fileName: 'ann-work.wbpkg' });
    await t.state().answerAcceptance(true);
    expect(calls.map((c) => ['name' in c.file ? c.file.name : '', c.acceptUnassigned, c.labelMapping])).toEqual([
      ['ann-work.wbpkg', false, undefined],
      ['ann-work.wbpkg', false, { topic: 'add' }],
      ['ann-work.wbpkg', true, { topic: 'add' }],
      ['bob-work.wbpkg', false, undefined],
    ]);
    expect(t.state().notice?.message).toBe('bob-work.wbpkg (bob): 1 layer collected, 1 label added to the schema (topic)');

    calls.length = 0;
    await t.state().collectWork([pkg('ann-work.wbpkg'), pkg('bob-work.wbpkg')]);
    await t.state().answerLabelMapping(null);
    expect(calls.map((c) => ('name' in c.file ? c.file.name : ''))).toEqual(['ann-work.wbpkg', 'bob-work.wbpkg']);
  });
});
