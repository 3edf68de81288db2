// @vitest-environment happy-dom
/** The Entities screen's editable rows, over the fake API. */
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../test/renderApp';

afterEach(cleanup);

describe('Entities screen', () => {
  it('keeps aliases being typed while a save of the same entry (its actor type) is still on its way', async () => {
    const t = await renderApp();
    const user = userEvent.setup();
    const made = await t.state().createEntity('actor', 'Akira Endo', 'person');
    act(() => t.state().setScreen('entities'));
    const type = await screen.findByRole('combobox', { name: 'Actor type of Akira Endo' });
    const release = t.api.hold('saveEntity');
    await user.selectOptions(type, 'state');
    const aliases = screen.getByRole('textbox', { name: 'Aliases of Akira Endo' });
    await user.type(aliases, 'Endo');
    // The actor type's save comes back (with the old, empty aliases) while "Endo" is typed.
    await act(async () => release());
    expect(aliases).toHaveProperty('value', 'Endo');
    await user.tab();
    await waitFor(() => expect(t.api.entities.find((e) => e.id === made!.id)).toMatchObject({ actorType: 'state', aliases: ['Endo'] }));
    expect(aliases).toHaveProperty('value', 'Endo');
  });
});
