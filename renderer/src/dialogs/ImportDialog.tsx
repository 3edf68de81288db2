/**
 * "Import…": any interchange format. Choose the format and the files (and, for doccano, what
 * the offsets count); the dialog previews at once (articles, spans, statements, the first
 * titles, what could not be carried exactly) and asks where each label the schema does not
 * know should go. Nothing is written until "Import N articles", which stays disabled until
 * every unknown label is mapped or added. A file the format cannot read is reported in the
 * dialog's alert region, naming the file and the line or JSON path. A bad span (reversed,
 * outside the text, …) refuses the files the same way unless "Skip bad records" is ticked;
 * then the preview's warnings list every record left out. Large files are sent ahead in chunks
 * (library/uploadFile.ts) with their progress shown; closing the dialog or choosing other files
 * discards them.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormatName, ImportFile, ImportPreview } from '../../../shared/api/contract';
import { formatChoice } from '../library/formatChoices';
import type { UploadCache } from '../library/uploadFile';
import type { ImportInput } from '../store/types';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { selectLabels } from '../store/workspaceSlice';
import { LabelMappingFields } from '../components/LabelMappingFields';
import { Dialog } from './Dialog';
import { clearDialogErrors, DoccanoUnitField, FormatRadioGroup, plural, type DoccanoUnit } from './FormatFields';

const SHOWN_TITLES = 8;
const SHOWN_WARNINGS = 20;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Previewed {
  preview: ImportPreview;
  /** The request the preview was made from; "Import" sends exactly these files again. */
  request: ImportInput & { files: ImportFile[] };
}

export function ImportDialog() {
  const store = useWorkbenchStore();
  const labels = useWorkbench(selectLabels);
  const id = useId();
  const [format, setFormat] = useState<FormatName>('jsonl');
  const [files, setFiles] = useState<File[]>([]);
  const [doccanoUnit, setDoccanoUnit] = useState<DoccanoUnit>('utf16');
  const [skipBadRecords, setSkipBadRecords] = useState(false);
  const [previewed, setPreviewed] = useState<Previewed | null>(null);
  const [reading, setReading] = useState(false);
  /** Bytes of the large files sent so far, of their total; null when none is being sent. */
  const [sending, setSending] = useState<{ sent: number; total: number } | null>(null);
  const uploads = useRef<UploadCache>(new Map());
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const previewSeq = useRef(0);
  const previewRef = useRef<HTMLDivElement>(null);
  const mappingRef = useRef<HTMLFieldSetElement>(null);
  const choice = formatChoice(format);
  const close = () => store.getState().closeDialog();

  // Uploads of the chosen files live as long as the choice; imported ones the service has removed already.
  useEffect(() => {
    const cache: UploadCache = new Map();
    uploads.current = cache;
    return () => store.getState().discardUploads(cache);
  }, [files, store]);

  // Preview whenever the files, the format or its options change; a newer preview wins.
  useEffect(() => {
    const seq = ++previewSeq.current;
    setPreviewed(null);
    clearDialogErrors(store);
    if (!files.length) {
      setReading(false);
      return;
    }
    setReading(true);
    void (async () => {
      let request: Previewed['request'];
      try {
        const options = { ...(format === 'doccano' ? { doccanoUnit } : {}), ...(skipBadRecords ? { skipBadRecords } : {}) };
        const onProgress = (sent: number, total: number) => seq === previewSeq.current && setSending(sent < total ? { sent, total } : null);
        request = { format, files: await store.getState().importFilesOf(files, format, uploads.current, onProgress), options };
      } catch (err) {
        if (seq === previewSeq.current) {
          setReading(false);
          setSending(null);
          store.getState().reportError(err, 'Could not read the chosen files');
        }
        return;
      }
      const preview = await store.getState().previewImport(request);
      if (seq !== previewSeq.current) return;
      setReading(false);
      if (!preview) return;
      setPreviewed({ preview, request });
      // Keep earlier choices for labels that are still unknown; the rest start unresolved.
      setMapping((m) => Object.fromEntries(preview.unknownLabels.map((name) => [name, m[name] ?? ''])));
    })();
  }, [files, format, doccanoUnit, skipBadRecords, store]);

  const preview = previewed?.preview ?? null;
  // Bring a fresh preview (and the labels to resolve) into view below the format list.
  useEffect(() => {
    if (previewed) (mappingRef.current ?? previewRef.current)?.scrollIntoView?.({ block: 'nearest' });
  }, [previewed]);
  const unresolved = preview ? preview.unknownLabels.filter((name) => !mapping[name]) : [];
  const canImport = !!preview && preview.articles > 0 && unresolved.length === 0 && !reading && !busy;

  return (
    <Dialog title="Import" onClose={close} className="wide interchange-dialog">
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!canImport || !previewed) return;
          setBusy(true);
          const labelMapping = Object.fromEntries(previewed.preview.unknownLabels.map((name) => [name, mapping[name]]));
          const added = await store.getState().commitImport({ ...previewed.request, labelMapping });
          setBusy(false);
          if (added) {
            // The service removed the uploads with the import: nothing left to discard.
            uploads.current.clear();
            clearDialogErrors(store);
            close();
          }
        }}
      >
        <FormatRadioGroup value={format} onChange={setFormat} disabled={busy} />

        <div className="field">
          <span className="field-label" id={`${id}-files-label`}>
            Files
          </span>
          <div className="file-row">
            <label className="button file-button">
              Choose files…
              <input
                type="file"
                multiple
                accept={choice.accept}
                className="visually-hidden"
                aria-describedby={`${id}-files-hint`}
                disabled={busy}
                onChange={(e) => {
                  const chosen = [...(e.target.files ?? [])];
                  e.target.value = '';
                  if (chosen.length) setFiles(chosen);
                }}
              />
            </label>
            {files.length === 0 && <span className="muted small">No files chosen</span>}
          </div>
          <p className="hint" id={`${id}-files-hint`}>
            {choice.importHint}
          </p>
          {files.length > 0 && (
            <ul className="file-list" aria-label="Chosen files">
              {files.map((f, i) => (
                <li key={`${f.name}-${i}`}>
                  <span className="file-name" dir="auto">
                    {f.name}
                  </span>
                  <span className="muted small">{formatSize(f.size)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>

        {format === 'doccano' && (
          <DoccanoUnitField legend="The file's offsets count" value={doccanoUnit} onChange={setDoccanoUnit} disabled={busy} />
        )}

        <div className="field checkbox">
          <input
            id={`${id}-skip-bad`}
            type="checkbox"
            checked={skipBadRecords}
            disabled={busy}
            aria-describedby={`${id}-skip-bad-hint`}
            onChange={(e) => setSkipBadRecords(e.target.checked)}
          />
          <label htmlFor={`${id}-skip-bad`}>Skip bad records</label>
          <span className="hint" id={`${id}-skip-bad-hint`}>
            Leave out spans the files get wrong (reversed, outside the text, a repeated id…) and the statements using them, and list each
            below, instead of refusing the files.
          </span>
        </div>

        <div className="preview-region" ref={previewRef} aria-live="polite" aria-busy={reading}>
          {reading && !sending && <p className="muted">Reading the files…</p>}
          {reading && sending && (
            <p className="muted">
              Sending the files… {formatSize(sending.sent)} of {formatSize(sending.total)}{' '}
              <progress value={sending.sent} max={sending.total} aria-label="Sending the files" />
            </p>
          )}
          {preview && (
            <>
              <p className="import-summary">
                {files.length === 1 ? <strong dir="auto">{files[0].name}</strong> : <>The {files.length} files</>} hold{files.length === 1 ? 's' : ''}{' '}
                {plural(preview.articles, 'article')}, {plural(preview.spans, 'span')} and {plural(preview.statements, 'statement')}.
                {preview.entities > 0 && <> Their spans link to {plural(preview.entities, 'entity', 'entities')} this workspace does not have yet: they are added too.</>}
              </p>
              {preview.titles.length > 0 && (
                <ul className="title-list" aria-label="Articles in the files">
                  {preview.titles.slice(0, SHOWN_TITLES).map((t, i) => (
                    <li key={i} dir="auto">
                      {t}
                    </li>
                  ))}
                  {preview.articles > SHOWN_TITLES && <li className="muted">and {preview.articles - SHOWN_TITLES} more</li>}
                </ul>
              )}
            </>
          )}
        </div>

        {preview && preview.unknownLabels.length > 0 && (
          <fieldset className="label-mapping" ref={mappingRef}>
            <legend>Unknown labels ({preview.unknownLabels.length})</legend>
            <p className="hint">
              These labels are not in this workspace's schema. Map each onto an existing label, or add it to the schema.
            </p>
            <LabelMappingFields
              idPrefix={id}
              toMap={preview.unknownLabels.map((name) => ({ key: name, text: name }))}
              labels={labels}
              mapping={mapping}
              onChange={(name, target) => setMapping((m) => ({ ...m, [name]: target }))}
            />
          </fieldset>
        )}

        {preview && preview.warnings.length > 0 && (
          // What the workbench has no place for comes first: one line per kind (shared/formats/losses.ts).
          <section className="warnings" aria-label="Not carried over exactly">
            <h3>Not carried over exactly ({preview.warnings.length})</h3>
            <ul>
              {preview.warnings.slice(0, SHOWN_WARNINGS).map((w, i) => (
                <li key={i}>{w}</li>
              ))}
              {preview.warnings.length > SHOWN_WARNINGS && <li>and {preview.warnings.length - SHOWN_WARNINGS} more</li>}
            </ul>
          </section>
        )}

        <div className="dialog-actions">
          {unresolved.length > 0 && (
            <p className="hint actions-hint" id={`${id}-gate`}>
              Choose what {unresolved.length === 1 ? 'the unknown label becomes' : `the ${unresolved.length} unknown labels become`} first.
            </p>
          )}
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!canImport} aria-describedby={unresolved.length ? `${id}-gate` : undefined}>
            {busy ? 'Importing…' : preview ? `Import ${plural(preview.articles, 'article')}` : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
