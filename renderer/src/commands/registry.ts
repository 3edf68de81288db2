/**
 * The command registry (after Excalidraw's actions): every user action is a small object with
 * an id, a label, its key bindings, when it applies, and what it does. Buttons, the keyboard
 * handler and the shortcut help dialog all read this one list, so a command added here gets
 * its key, its button and its help line together. What a command is: command.ts.
 */
export { CATEGORY_ORDER, executeCommand, type Command, type CommandCategory } from './command';
import type { Label } from '../../../shared/domain/model';
import type { WorkbenchState } from '../store/types';
import { executeCommand, type Command } from './command';
import { caretCommands } from './caretCommands';
import { editingCommands } from './editingCommands';
import { matchesBinding, type KeyInput } from './keys';
import { labelCommands } from './labelCommands';
import { screenCommands, statementCommands } from '../statements/statementCommands';

export function buildCommands(labels: readonly Label[]): Command[] {
  // Statement commands come before the span commands: while linking, Enter and Esc are theirs.
  return [...labelCommands(labels), ...statementCommands, ...editingCommands, ...caretCommands, ...screenCommands];
}

export function findCommand(commands: readonly Command[], id: string): Command | undefined {
  return commands.find((c) => c.id === id);
}

/** The first applicable command bound to this key press. */
export function commandForKey(commands: readonly Command[], event: KeyInput, state: WorkbenchState): Command | undefined {
  return commands.find((c) => c.keys.some((k) => matchesBinding(k, event)) && c.when(state));
}

/** Run a command if it applies now; returns whether it ran. */
export function runCommand(commands: readonly Command[], id: string, state: WorkbenchState): boolean {
  const command = findCommand(commands, id);
  if (!command || !command.when(state)) return false;
  executeCommand(command, state);
  return true;
}
