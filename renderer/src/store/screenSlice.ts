/**
 * Which screen fills the window: the main one (the library, or the open article), the
 * Entities view (actor entities and claim concepts) or the Network view. The open article
 * stays open behind the other screens, so "Back" returns to where the user was.
 */
import type { ScreenSlice, SliceCreator } from './types';

export const createScreenSlice: SliceCreator<ScreenSlice> = (set) => ({
  screen: 'main',
  setScreen: (screen) => set({ screen }),
});
