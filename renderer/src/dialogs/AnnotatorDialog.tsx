/** First run: ask once for the annotator's name, recorded on every span they make. */
import { useState } from 'react';
import { useWorkbenchStore } from '../store/StoreContext';
import { Dialog } from './Dialog';

export function AnnotatorDialog() {
  const store = useWorkbenchStore();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const trimmed = name.trim();
  return (
    <Dialog title="Welcome to Annotation Workbench" describedBy="welcome-text">
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!trimmed) return;
          setBusy(true);
          await store.getState().saveSettings({ annotator: trimmed });
          setBusy(false);
        }}
      >
        <p id="welcome-text">
          Your name is stored with every span you create, so annotations from several people can be told apart. You can
          change it later in Settings.
        </p>
        <div className="field">
          <label htmlFor="annotator-name">Your name</label>
          <input
            id="annotator-name"
            data-autofocus
            autoComplete="name"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="dialog-actions">
          <button type="submit" className="button primary" disabled={!trimmed || busy}>
            Continue
          </button>
        </div>
      </form>
    </Dialog>
  );
}
