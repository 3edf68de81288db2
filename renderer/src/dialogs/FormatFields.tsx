/**
 * Controls shared by the Import and Export dialogs: the format choice (a radio group named
 * "Format", one radio per codec with its one-line description) and the doccano offset unit.
 * Native radios sharing a name, so arrow keys move the choice and Tab leaves the group.
 */
import { useId } from 'react';
import type { FormatName } from '../../../shared/api/contract';
import { FORMAT_CHOICES } from '../library/formatChoices';
import type { WorkbenchStore } from '../store/createWorkbenchStore';
import './interchange.css';

export type DoccanoUnit = 'utf16' | 'grapheme';

export function FormatRadioGroup({ value, onChange, disabled }: { value: FormatName; onChange: (format: FormatName) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <fieldset className="io-choice-group format-choices" role="radiogroup" aria-labelledby={`${id}-legend`} disabled={disabled}>
      <legend id={`${id}-legend`}>Format</legend>
      {FORMAT_CHOICES.map((f) => (
        <label key={f.name} className={value === f.name ? 'io-choice is-checked' : 'io-choice'}>
          <input
            type="radio"
            name={`${id}-format`}
            value={f.name}
            checked={value === f.name}
            onChange={() => onChange(f.name)}
            aria-labelledby={`${id}-${f.name}-title`}
            aria-describedby={`${id}-${f.name}-description`}
            data-autofocus={value === f.name ? '' : undefined}
          />
          <span className="io-choice-title" id={`${id}-${f.name}-title`}>
            {f.title}
          </span>
          <span className="io-choice-description" id={`${id}-${f.name}-description`}>
            {f.description}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

const DOCCANO_UNITS: { value: DoccanoUnit; title: string; description: string }[] = [
  { value: 'utf16', title: 'UTF-16 code units', description: "doccano's default: an emoji counts as two" },
  { value: 'grapheme', title: 'Grapheme clusters', description: 'the project option "count grapheme clusters as one character"' },
];

export function DoccanoUnitField({ value, onChange, disabled, legend }: { value: DoccanoUnit; onChange: (unit: DoccanoUnit) => void; disabled?: boolean; legend: string }) {
  const id = useId();
  return (
    <fieldset className="io-choice-group compact" role="radiogroup" aria-labelledby={`${id}-legend`} disabled={disabled}>
      <legend id={`${id}-legend`}>{legend}</legend>
      {DOCCANO_UNITS.map((u) => (
        <label key={u.value} className={value === u.value ? 'io-choice is-checked' : 'io-choice'}>
          <input
            type="radio"
            name={`${id}-unit`}
            value={u.value}
            checked={value === u.value}
            onChange={() => onChange(u.value)}
            aria-labelledby={`${id}-${u.value}-title`}
            aria-describedby={`${id}-${u.value}-description`}
          />
          <span className="io-choice-title" id={`${id}-${u.value}-title`}>
            {u.title}
          </span>
          <span className="io-choice-description" id={`${id}-${u.value}-description`}>
            {u.description}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Dismiss the errors reported while this dialog was open (older ones stay for the page). */
export function clearDialogErrors(store: WorkbenchStore): void {
  const { errors, dialogErrorFloor, dismissError } = store.getState();
  for (const e of errors) if (e.id > dialogErrorFloor) dismissError(e.id);
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n.toLocaleString('en')} ${n === 1 ? word : many}`;
