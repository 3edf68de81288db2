/**
 * Lower-case every article's search key while the page is idle, a slice per idle period, so
 * the first keystroke in the filter box does not pay for 100,000 of them at once.
 */
import { useEffect } from 'react';
import type { ArticleSummary } from '../../../shared/domain/model';
import { warmSearchKeys } from '../store/librarySlice';

export function useWarmSearchKeys(articles: readonly ArticleSummary[]): void {
  useEffect(() => {
    // Not every environment has idle callbacks (happy-dom); the filter then computes keys as needed.
    if (typeof requestIdleCallback !== 'function') return;
    let handle = 0;
    const step = (from: number) => (deadline: IdleDeadline) => {
      const next = warmSearchKeys(articles, from, () => deadline.timeRemaining() > 1);
      if (next < articles.length) handle = requestIdleCallback(step(next));
    };
    handle = requestIdleCallback(step(0));
    return () => cancelIdleCallback(handle);
  }, [articles]);
}
