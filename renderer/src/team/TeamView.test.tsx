// @vitest-environment happy-dom
/**
 * The Team screen's assignment form: what it asks the service for, with and without articles
 * checked in the library, and one download button per package made; and the question a work
 * package of another label schema raises: each package label mapped or added, then collected.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationInput } from '../../../shared/api/contract';
import { makeArticle } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

afterEach(cleanup);

describe('Team screen', () => {
  it('assigns the checked articles (or every one) and offers each package for download', async () => {
    const t = await renderApp({ open: null, articles: [makeArticle({ id: 'a1', text: 'One' }), makeArticle({ id: 'a2', text: 'Two' })] });
    const asked: OperationInput<'assignArticles'>[] = [];
    t.api.assignArticles = async (input) => {
      asked.push(input);
      return { packages: input.annotators.map((annotator) => ({ annotator, packageId: `p${annotator}`, articles: 1, fileName: `${annotator}.wbpkg`, content: 'UEsFBg==', encoding: 'base64' as const })), doubleCoded: 0 };
    };
    act(() => {
      t.state().toggleChecked('a2');
      t.state().setScreen('team');
    });
    const form = await screen.findByRole('form', { name: 'Assign articles' });
    fireEvent.change(within(form).getByLabelText('Annotators (comma-separated)'), { target: { value: 'ann, bob' } });
    fireEvent.change(within(form).getByLabelText('Your name as lead'), { target: { value: 'lea' } });
    fireEvent.change(within(form).getByLabelText('Double-coded share (%)'), { target: { value: '20' } });
    const only = within(form).getByRole<HTMLInputElement>('checkbox', { name: /Only the 1 article checked in the library/ });
    expect(only.checked).toBe(true);
    fireEvent.submit(form);
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toEqual({ annotators: ['ann', 'bob'], lead: 'lea', seed: 1, doubleCodedPercent: 20, articleIds: ['a2'] });
    const downloads = await screen.findByRole('list', { name: 'Packages to hand out' });
    expect(within(downloads).getAllByRole('button').map((b) => b.textContent)).toEqual(['Download ann.wbpkg', 'Download bob.wbpkg']);

    fireEvent.click(only);
    fireEvent.submit(form);
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1].articleIds).toBeUndefined();
  });

  it('asks how to map the labels of a package coded with another schema, and collects it with the answers', async () => {
    const t = await renderApp({ open: null });
    const asked: OperationInput<'collectWorkPackage'>[] = [];
    t.api.collectWorkPackage = async (input) => {
      asked.push(input);
      if (!input.labelMapping)
        return {
          status: 'needsLabelMapping',
          annotator: 'ann',
          message: 'ann-work.wbpkg was coded with another label schema than the workspace\'s: "topic" (Topic) only in the package',
          labels: [{ id: 'topic', name: 'Topic' }],
        };
      return { status: 'collected', annotator: 'ann', packageId: 'p1', written: 2, unchanged: 0, unassignedAccepted: 0, proposals: [], labelsAdded: [], workspaceOnlyLabels: [] };
    };
    act(() => t.state().setScreen('team'));
    await act(() => t.state().collectWork([new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'ann-work.wbpkg')]));
    const question = await screen.findByRole('alertdialog', { name: 'ann-work.wbpkg: ann coded with another label schema' });
    expect(question.textContent).toContain('"topic" (Topic) only in the package');
    const collect = within(question).getByRole('button', { name: 'Collect with these labels' });
    expect(collect).toHaveProperty('disabled', true);
    const select = within(question).getByLabelText('Topic (topic)');
    const claim = t.state().workspace!.schema.labels.find((l) => l.name === 'Claim')!;
    fireEvent.change(select, { target: { value: claim.id } });
    expect(collect).toHaveProperty('disabled', false);
    fireEvent.click(collect);
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1].labelMapping).toEqual({ topic: claim.id });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(t.state().notice?.message).toBe('ann-work.wbpkg (ann): 2 layers collected');
  });

  it('asks the same when an assignment package was made for another schema, and opens it with the answers', async () => {
    const t = await renderApp({ open: null });
    const asked: OperationInput<'openAssignmentPackage'>[] = [];
    t.api.openAssignmentPackage = async (input) => {
      asked.push(input);
      if (!input.labelMapping) return { status: 'needsLabelMapping', annotator: 'ann', message: 'ann.wbpkg was made for another label schema', labels: [{ id: 'stance', name: 'Stance' }] };
      return { status: 'opened', packageId: 'p1', lead: 'lea', added: 4, kept: 0, unchanged: false, labelsAdded: ['stance'], warnings: [] };
    };
    act(() => t.state().setScreen('team'));
    await act(() => t.state().openAssignmentPackage(new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'ann.wbpkg')));
    const question = await screen.findByRole('alertdialog', { name: 'ann.wbpkg was made for another label schema' });
    fireEvent.change(within(question).getByLabelText('Stance (stance)'), { target: { value: 'add' } });
    fireEvent.click(within(question).getByRole('button', { name: 'Open with these labels' }));
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1].labelMapping).toEqual({ stance: 'add' });
    await waitFor(() => expect(t.state().notice?.message).toBe('Opened ann.wbpkg from lead lea: 4 articles added, 1 label added to the schema (stance)'));
  });
});
