/**
 * What a command is (after Excalidraw's actions): an id, a label, its key bindings, when it
 * applies, and what it does: the edits it makes, or its action. A file of its own so the command lists and the registry that
 * gathers them do not import each other.
 */
import type { WorkbenchState } from '../store/types';
import type { KeyBinding } from './keys';
import type { EditContext, EditPlan } from './spanEdits';

export type CommandCategory = 'Labels' | 'Spans' | 'Statements' | 'History' | 'Article' | 'Caret and selection' | 'General';

interface CommandInfo {
  id: string;
  label: string;
  category: CommandCategory;
  keys: readonly KeyBinding[];
  /** A longer explanation for the help dialog. */
  description?: string;
  when(state: WorkbenchState): boolean;
}

/**
 * A command either returns what to edit (`plan`: a batch with its description, carried out by
 * the one runner, `runPlan`) or, when it edits nothing (moving the caret, opening a dialog),
 * does its thing (`perform`).
 */
export type Command = CommandInfo & ({ plan(state: WorkbenchState): EditPlan | null; perform?: never } | { perform(state: WorkbenchState): void; plan?: never });

/**
 * Run a command whose `when` holds. An edit pressed while the article's spans are still on their
 * way (just opened) is planned once they are in, on the selection it was pressed with.
 */
export function executeCommand(command: Command, state: WorkbenchState): void {
  if (command.plan) {
    const { textSelection, selectedSpanId } = state;
    const plan = command.plan;
    state.afterAnnotations((now) => {
      const planned = plan(now === state ? state : { ...now, textSelection, selectedSpanId });
      if (planned) now.runPlan(planned);
    });
  } else command.perform(state);
}

/** A command's plan from the open article's edit context (null when none is open). */
export const planWith =
  (planner: (ctx: EditContext, state: WorkbenchState) => EditPlan | null) =>
  (state: WorkbenchState): EditPlan | null => {
    const ctx = state.editContext();
    return ctx && planner(ctx, state);
  };

export const CATEGORY_ORDER: readonly CommandCategory[] = ['Labels', 'Spans', 'Statements', 'Caret and selection', 'History', 'Article', 'General'];

