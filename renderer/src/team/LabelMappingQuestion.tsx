/**
 * The Team screen's question when a package was made with another label schema (a work package
 * the lead collects, an assignment package an annotator opens): the service's account of the
 * differences, one mapping choice per package label (as the Import dialog offers), then go on
 * with those answers or leave the package.
 */
import { useId, useState } from 'react';
import { LabelMappingFields } from '../components/LabelMappingFields';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import type { PendingLabelMapping } from '../store/types';
import { selectLabels } from '../store/workspaceSlice';

export function LabelMappingQuestion({ pending }: { pending: PendingLabelMapping }) {
  const store = useWorkbenchStore();
  const labels = useWorkbench(selectLabels);
  const id = useId();
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const unanswered = pending.labels.filter((l) => !mapping[l.id]).length;
  const collecting = pending.action === 'collect';
  return (
    <form
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-why`}
      className="team-pending"
      onSubmit={(e) => {
        e.preventDefault();
        if (!unanswered) void store.getState().answerLabelMapping(mapping);
      }}
    >
      <p id={`${id}-title`}>
        <strong>
          {collecting ? `${pending.fileName}: ${pending.annotator} coded with another label schema` : `${pending.fileName} was made for another label schema`}
        </strong>
      </p>
      <p id={`${id}-why`} className="small">
        {pending.message}
      </p>
      <fieldset className="label-mapping">
        <legend>Package labels ({pending.labels.length})</legend>
        <LabelMappingFields
          idPrefix={id}
          toMap={pending.labels.map((l) => ({ key: l.id, text: `${l.name} (${l.id})` }))}
          labels={labels}
          mapping={mapping}
          onChange={(key, target) => setMapping((m) => ({ ...m, [key]: target }))}
        />
      </fieldset>
      <button type="submit" className="button primary" disabled={unanswered > 0}>
        {collecting ? 'Collect with these labels' : 'Open with these labels'}
      </button>
      <button type="button" className="button ghost" onClick={() => void store.getState().answerLabelMapping(null)}>
        {collecting ? 'Skip this package' : 'Do not open it'}
      </button>
    </form>
  );
}
