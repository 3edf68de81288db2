/**
 * The JSONL import preview: what the file holds (articles, spans, statements, titles,
 * warnings) and, for labels the schema does not know, where each should go. Nothing is
 * written until "Import".
 */
import { useState } from 'react';
import type { ImportPreview } from '../../../shared/api/contract';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { selectLabels } from '../store/workspaceSlice';
import { Dialog } from './Dialog';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function ImportJsonlDialog({ fileName, preview }: { fileName: string; preview: ImportPreview }) {
  const store = useWorkbenchStore();
  const labels = useWorkbench(selectLabels);
  const [mapping, setMapping] = useState<Record<string, string>>(() =>
    Object.fromEntries(preview.unknownLabels.map((name) => [name, 'add'])),
  );
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().closeDialog();
  return (
    <Dialog title="Import JSONL" onClose={close} className="wide" describedBy="import-summary">
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const ok = await store.getState().commitJsonl(mapping);
          setBusy(false);
          if (ok) store.getState().clearErrors();
        }}
      >
        <p id="import-summary" className="import-summary">
          <strong>{fileName}</strong> holds {plural(preview.articles, 'article')}, {plural(preview.spans, 'span')} and{' '}
          {plural(preview.statements, 'statement')}.
        </p>
        {preview.titles.length > 0 && (
          <ul className="title-list" aria-label="Articles in the file">
            {preview.titles.slice(0, 12).map((t, i) => (
              <li key={i} dir="auto">
                {t}
              </li>
            ))}
            {preview.titles.length > 12 && <li className="muted">and {preview.titles.length - 12} more</li>}
          </ul>
        )}
        {preview.unknownLabels.length > 0 && (
          <fieldset className="label-mapping">
            <legend>Unknown labels ({preview.unknownLabels.length})</legend>
            <p className="hint">These labels are not in this workspace's schema. Add each as a new label, or map it onto an existing one.</p>
            {preview.unknownLabels.map((name) => (
              <div className="field inline" key={name}>
                <label htmlFor={`map-${name}`}>{name}</label>
                <select
                  id={`map-${name}`}
                  value={mapping[name] ?? 'add'}
                  onChange={(e) => setMapping((m) => ({ ...m, [name]: e.target.value }))}
                >
                  <option value="add">Add as a new label</option>
                  {labels.map((l) => (
                    <option key={l.id} value={l.id}>
                      Map to {l.name}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
        )}
        {preview.warnings.length > 0 && (
          <div className="warnings">
            <h3>Warnings</h3>
            <ul>
              {preview.warnings.slice(0, 20).map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || preview.articles === 0}>
            {busy ? 'Importing…' : `Import ${plural(preview.articles, 'article')}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
