/** Render the whole app over a fake API for component tests. */
import { render } from '@testing-library/react';
import { App } from '../App';
import { StoreProvider } from '../store/StoreContext';
import { createTestStore, type TestStore } from './testStore';

export async function renderApp(options: Parameters<typeof createTestStore>[0] = {}): Promise<TestStore & { view: ReturnType<typeof render> }> {
  const t = await createTestStore(options);
  const view = render(
    <StoreProvider store={t.store}>
      <App />
    </StoreProvider>,
  );
  return { ...t, view };
}
