/**
 * Which annotators' lanes the curator has hidden (the legend's "Show ann's layer" boxes), shared
 * by the legend in the Curation panel and the lanes drawn over the text. Kept per workbench store
 * (a test renders several apps) and by annotator name, so a hidden lane stays hidden from one
 * article to the next.
 */
import { useCallback, useSyncExternalStore } from 'react';

interface Visibility {
  hidden: ReadonlySet<string>;
  listeners: Set<() => void>;
}

const byStore = new WeakMap<object, Visibility>();

function visibilityOf(store: object): Visibility {
  let v = byStore.get(store);
  if (!v) byStore.set(store, (v = { hidden: new Set(), listeners: new Set() }));
  return v;
}

/** The hidden annotators now (for code outside React's render). */
export function hiddenLanes(store: object): ReadonlySet<string> {
  return visibilityOf(store).hidden;
}

/** The hidden annotators: a new set after each change, the same one until then. */
export function useHiddenLanes(store: object): ReadonlySet<string> {
  const v = visibilityOf(store);
  const subscribe = useCallback(
    (listener: () => void) => {
      v.listeners.add(listener);
      return () => void v.listeners.delete(listener);
    },
    [v],
  );
  return useSyncExternalStore(subscribe, () => v.hidden);
}

export function setLaneShown(store: object, annotator: string, shown: boolean): void {
  const v = visibilityOf(store);
  if (v.hidden.has(annotator) !== shown) return;
  const next = new Set(v.hidden);
  if (shown) next.delete(annotator);
  else next.add(annotator);
  v.hidden = next;
  v.listeners.forEach((l) => l());
}
