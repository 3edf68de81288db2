// @vitest-environment happy-dom
/**
 * The selected-span card follows the selection a frame after the text (useAfterPaint), so for a
 * moment it still shows the previous span. A note typed into it then belongs to that span: it
 * is saved there when the card switches, never dropped.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { labelText } from '../test/testStore';
import { renderApp } from '../test/renderApp';

afterEach(cleanup);

const card = () => screen.getByRole('region', { name: 'Selected span' });
const quoted = () => card().querySelector('blockquote')?.textContent;
const noteBox = () => within(card()).getByRole<HTMLTextAreaElement>('textbox', { name: 'Note' });

/** An actor span and a claim span; the card shows the actor. */
async function actorShownThenClaim() {
  const t = await renderApp();
  let actor = '';
  let claim = '';
  act(() => {
    actor = labelText(t, 'Akira Endo', 'actor')!;
    claim = labelText(t, 'Tehran', 'claim')!;
    t.state().selectSpan(actor);
  });
  await waitFor(() => expect(quoted()).toBe('Akira Endo'));
  return { t, actor, claim };
}

describe('selected span card: the note field', () => {
  it('saves a note typed while the card still showed the previous span to that span when the card switches', async () => {
    const { t, actor, claim } = await actorShownThenClaim();

    act(() => t.state().selectSpan(claim));
    // The card has not caught up yet: it still shows the actor, and the note is typed there.
    expect(quoted()).toBe('Akira Endo');
    fireEvent.change(noteBox(), { target: { value: 'Japan’s special coordinator' } });

    await waitFor(() => expect(quoted()).toBe('Tehran'));
    const noteOf = (id: string) => t.doc().article!.spans.find((s) => s.id === id)!.note;
    expect(noteOf(actor)).toBe('Japan’s special coordinator');
    expect(noteOf(claim)).toBeUndefined();
    expect(noteBox().value).toBe('');
    await t.saved();
    expect(t.api.articles.get('art1')!.spans.find((s) => s.id === actor)!.note).toBe('Japan’s special coordinator');
  });

  it('does not save a note that was cancelled with Escape before the card switched', async () => {
    const { t, actor, claim } = await actorShownThenClaim();
    fireEvent.change(noteBox(), { target: { value: 'not meant' } });
    fireEvent.keyDown(noteBox(), { key: 'Escape' });
    act(() => t.state().selectSpan(claim));
    await waitFor(() => expect(quoted()).toBe('Tehran'));
    expect(t.doc().article!.spans.find((s) => s.id === actor)!.note).toBeUndefined();
    expect(t.doc().undoStack.map((e) => e.description)).toEqual(['Add Actor', 'Add Claim']);
  });
});
