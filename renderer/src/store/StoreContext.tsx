/**
 * React access to the store and the open document. Components read with a narrow selector so
 * they re-render only when that value changes:
 *  - `useWorkbench(s => s.x)`: UI state and the selection (the zustand store);
 *  - `useDocument(doc => doc.x)`: the open document (the DocumentSession's state: article,
 *    paragraphs, buckets, outbox, history), read as it is, never copied into the store;
 *  - `useWorkbenchDocument((s, doc) => …)`: a value that needs both (the selected span, whether
 *    a command can run), re-computed when either changes.
 */
import { createContext, useCallback, useContext, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { WorkbenchStore } from './createWorkbenchStore';
import type { DocumentState } from './documentState';
import type { WorkbenchState } from './types';

const StoreContext = createContext<WorkbenchStore | null>(null);

export function StoreProvider({ store, children }: { store: WorkbenchStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useWorkbenchStore(): WorkbenchStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useWorkbenchStore needs a <StoreProvider>');
  return store;
}

export function useWorkbench<T>(selector: (state: WorkbenchState) => T): T {
  return useStore(useWorkbenchStore(), selector);
}

type Equality<T> = (a: T, b: T) => boolean;

/**
 * `read()` through useSyncExternalStore, answering the previous value while `equality` holds, so
 * a selector that builds a new object or array does not re-render (or loop) on every change.
 */
function useSelected<T>(subscribe: (onChange: () => void) => () => void, read: () => T, equality: Equality<T> = Object.is): T {
  const last = useRef<{ value: T } | null>(null);
  const getSnapshot = () => {
    const next = read();
    const prev = last.current;
    if (prev && equality(prev.value, next)) return prev.value;
    last.current = { value: next };
    return next;
  };
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** Read the open document's state; re-renders when the selected value changes (by `equality`, `Object.is` by default). */
export function useDocument<T>(selector: (doc: DocumentState) => T, equality?: Equality<T>): T {
  const session = useWorkbenchStore().getState().documentSession;
  return useSelected(session.subscribe, () => selector(session.getState()), equality);
}

/** Read a value made from the store and the document together; re-computed when either changes. */
export function useWorkbenchDocument<T>(selector: (state: WorkbenchState, doc: DocumentState) => T, equality?: Equality<T>): T {
  const store = useWorkbenchStore();
  const session = store.getState().documentSession;
  const subscribe = useCallback(
    (onChange: () => void) => {
      const stopSession = session.subscribe(onChange);
      const stopStore = store.subscribe(onChange);
      return () => {
        stopSession();
        stopStore();
      };
    },
    [store, session],
  );
  return useSelected(subscribe, () => selector(store.getState(), session.getState()), equality);
}
