// @vitest-environment happy-dom
/**
 * The Team screen's assignment form: what it asks the service for, with and without articles
 * checked in the library, and one download button per package made.
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
});
