/**
 * What a command is (after Excalidraw's actions): an id, a label, its key bindings, when it
 * applies, and what it does. A file of its own so the command lists and the registry that
 * gathers them do not import each other.
 */
import type { WorkbenchState } from '../store/types';
import type { KeyBinding } from './keys';

export type CommandCategory = 'Labels' | 'Spans' | 'Statements' | 'History' | 'Article' | 'Caret and selection' | 'General';

export interface Command {
  id: string;
  label: string;
  category: CommandCategory;
  keys: readonly KeyBinding[];
  /** A longer explanation for the help dialog. */
  description?: string;
  when(state: WorkbenchState): boolean;
  perform(state: WorkbenchState): void;
}

export const CATEGORY_ORDER: readonly CommandCategory[] = ['Labels', 'Spans', 'Statements', 'Caret and selection', 'History', 'Article', 'General'];

