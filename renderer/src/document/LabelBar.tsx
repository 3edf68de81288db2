/**
 * The label buttons ("Actor", "Stance", "Claim" — the schema's names). They run the same
 * registry command as the hotkeys, and keep the focus and the text selection where they are.
 */
import { ariaKeyShortcuts } from '../commands/keys';
import { labelCommandId } from '../commands/labelCommands';
import { useRunCommand } from '../commands/useCommands';
import { useWorkbench, useWorkbenchDocument } from '../store/StoreContext';
import { selectLabels } from '../store/workspaceSlice';
import { selectSelectedSpan } from '../store/selectionSlice';
import { useAfterPaint } from '../components/useAfterPaint';

export function LabelBar() {
  const labels = useWorkbench(selectLabels);
  // Shown a frame after the text (see useAfterPaint): a label key changes both, and the text's
  // highlight comes first. The buttons' commands read the store, never these.
  const selectedLabel = useAfterPaint(useWorkbenchDocument((s, doc) => selectSelectedSpan(s, doc)?.labelId ?? null));
  const hasRange = useAfterPaint(useWorkbench((s) => !!s.textSelection && s.textSelection.anchor !== s.textSelection.focus));
  const run = useRunCommand();
  const hint = hasRange
    ? 'Label the selected text'
    : selectedLabel
      ? 'Change the label of the selected span'
      : 'Select text, then choose a label';
  return (
    <div className="label-bar" role="group" aria-label="Labels">
      {labels.map((label) => (
        <button
          key={label.id}
          type="button"
          className="label-button"
          style={{ '--label-color': label.color } as React.CSSProperties}
          aria-keyshortcuts={label.hotkey ? ariaKeyShortcuts([{ key: label.hotkey }]) : undefined}
          aria-pressed={selectedLabel ? selectedLabel === label.id : undefined}
          title={label.description}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => run(labelCommandId(label.id))}
        >
          <span className="swatch" aria-hidden="true" />
          {label.name}
          {label.hotkey && (
            <kbd className="hotkey" aria-hidden="true">
              {label.hotkey}
            </kbd>
          )}
        </button>
      ))}
      <span className="label-hint muted small" aria-hidden="true">
        {hint}
      </span>
    </div>
  );
}
