/** React glue for the registry: the commands for the current schema, and the global key handler. */
import { useEffect, useMemo } from 'react';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { selectLabels } from '../store/workspaceSlice';
import { buildCommands, commandForKey, executeCommand, runCommand, type Command } from './registry';

export function useCommands(): Command[] {
  const labels = useWorkbench(selectLabels);
  return useMemo(() => buildCommands(labels), [labels]);
}

/** Run a command by id (what buttons call). */
export function useRunCommand(): (id: string) => boolean {
  const store = useWorkbenchStore();
  const commands = useCommands();
  return (id) => runCommand(commands, id, store.getState());
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

/** Keys typed into a field belong to the field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return false;
}

function isActivationKeyOnControl(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' && e.key !== ' ') return false;
  if (e.ctrlKey || e.metaKey) return false;
  const t = e.target;
  return t instanceof HTMLElement && !!t.closest('button, a[href], summary, input, [role="button"], [role="link"]');
}

/** Install the keyboard handler: one listener, all keys resolved through the registry. */
export function useCommandKeys(): void {
  const store = useWorkbenchStore();
  const commands = useCommands();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const state = store.getState();
      // Modal dialogs handle their own keys; the page behind them is inert.
      if (state.dialog || (state.workspace && !state.workspace.settings.annotator)) return;
      if (isTypingTarget(e.target) || isActivationKeyOnControl(e)) return;
      const command = commandForKey(commands, e, state);
      if (!command) return;
      // The Entities and Network screens cover the article: only general commands apply there.
      if (state.screen !== 'main' && command.category !== 'General') return;
      e.preventDefault();
      executeCommand(command, state);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, commands]);
}
