/**
 * Which screen fills the window: the main one (the library, or the open article), the
 * Entities view (actor entities and claim concepts) or the Network view. The open article
 * stays open behind the other screens, so "Back" returns to where the user was.
 */
import type { SliceCreator } from './types';

export type Screen = 'main' | 'entities' | 'network';

export interface ScreenSlice {
  screen: Screen;
  setScreen(screen: Screen): void;
}

export const createScreenSlice: SliceCreator<ScreenSlice> = (set) => ({
  screen: 'main',
  setScreen: (screen) => set({ screen }),
});
