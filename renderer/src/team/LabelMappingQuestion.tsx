/**
 * The Team screen's question when a work package was coded with another label schema: the
 * service's account of the differences, one mapping choice per package label (as the Import
 * dialog offers), then collect with those answers or skip the package.
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
          {pending.fileName}: {pending.annotator} coded with another label schema
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
        Collect with these labels
      </button>
      <button type="button" className="button ghost" onClick={() => void store.getState().answerLabelMapping(null)}>
        Skip this package
      </button>
    </form>
  );
}
