/**
 * Where the open document's state is read outside React. It lives in the DocumentSession
 * (session/documentSession.ts), not in the zustand store: slices, commands and selectors read
 * it here, at the moment they run. Components read it through `useDocument` /
 * `useWorkbenchDocument` (StoreContext.tsx), which re-render them when it changes; a
 * `useWorkbench` selector that calls this would not be woken by document changes.
 */
import type { DocumentState } from '../session/documentSession';
import type { WorkbenchState } from './types';

export type { DocumentState };

export const documentOf = (s: WorkbenchState): DocumentState => s.documentSession.getState();
