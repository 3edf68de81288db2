/** Settings: the annotator's name and whether selections snap to whole words. */
import { useState } from 'react';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { Dialog } from './Dialog';

export function SettingsDialog() {
  const store = useWorkbenchStore();
  const settings = useWorkbench((s) => s.workspace?.settings);
  const path = useWorkbench((s) => s.workspace?.path);
  const [annotator, setAnnotator] = useState(settings?.annotator ?? '');
  const [snap, setSnap] = useState(settings?.snapToWords ?? true);
  const close = () => store.getState().closeDialog();
  return (
    <Dialog title="Settings" onClose={close}>
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!annotator.trim()) return;
          if (await store.getState().saveSettings({ annotator: annotator.trim(), snapToWords: snap })) close();
        }}
      >
        <div className="field">
          <label htmlFor="settings-annotator">Annotator name</label>
          <input
            id="settings-annotator"
            data-autofocus
            value={annotator}
            maxLength={200}
            onChange={(e) => setAnnotator(e.target.value)}
          />
          <p className="hint">Recorded on the spans you create from now on.</p>
        </div>
        <div className="field checkbox">
          <input id="settings-snap" type="checkbox" checked={snap} onChange={(e) => setSnap(e.target.checked)} />
          <label htmlFor="settings-snap">Snap selections to words</label>
          <p className="hint">
            When on, a selection that starts or ends inside a word grows to the whole word; when off, only surrounding
            spaces are trimmed.
          </p>
        </div>
        {path && (
          <p className="muted small">
            Workspace: <code>{path}</code>
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!annotator.trim()}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
