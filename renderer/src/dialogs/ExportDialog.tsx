/**
 * "Export…": the checked articles, all, or only those marked done, in any interchange format.
 * The export runs as a background job on the service: a progress bar counts the articles
 * written, "Cancel export" stops it and leaves nothing behind, and the finished file is read
 * back in chunks and offered as a download (a .zip for brat and CSV). What the format could
 * not write exactly is listed afterwards. Closing the dialog cancels a running export.
 * doccano says which project setting the file needs and offers one span per overlap group for
 * projects without "Allow overlapping spans" (whose import drops overlaps and fails on their relations).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ExportRequest, FormatName } from '../../../shared/api/contract';
import { formatChoice } from '../library/formatChoices';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { Dialog } from './Dialog';
import { clearDialogErrors, DoccanoUnitField, FormatRadioGroup, plural, type DoccanoUnit } from './FormatFields';

type Scope = 'checked' | 'all' | 'done';
const SHOWN_WARNINGS = 20;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function ExportDialog() {
  const store = useWorkbenchStore();
  const id = useId();
  const articles = useWorkbench((s) => s.articles);
  const checkedIds = useWorkbench((s) => s.checkedIds);
  const run = useWorkbench((s) => s.exportRun);
  const checked = checkedIds.filter((cid) => articles.some((a) => a.id === cid));
  const doneCount = articles.filter((a) => a.status === 'done').length;
  const [format, setFormat] = useState<FormatName>('jsonl');
  const [scope, setScope] = useState<Scope>(() => (checked.length ? 'checked' : 'all'));
  const [bom, setBom] = useState(false);
  const [doccanoUnit, setDoccanoUnit] = useState<DoccanoUnit>('utf16');
  const [doccanoNoOverlap, setDoccanoNoOverlap] = useState(false);
  // Which layer (docs/teams.md "Layers"): offered only where annotators' layers were collected.
  const [layer, setLayer] = useState('');
  const team = useWorkbench((s) => s.teamStatus);
  const layerAnnotators = [...new Set(team?.collected.map((c) => c.annotator) ?? [])].sort();
  const submitRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const choice = formatChoice(format);

  const counts: Record<Scope, number> = { checked: checked.length, all: articles.length, done: doneCount };
  const active = run?.state === 'writing' || run?.state === 'reading' || run?.state === 'cancelling';

  // A fresh dialog shows no old run; closing it cancels a running export.
  useEffect(() => {
    store.getState().clearExportRun();
    void store.getState().loadTeamStatus();
    return () => store.getState().clearExportRun();
  }, [store]);

  // Keep the keyboard focus on a control that exists: Cancel while running, Export after.
  const wasActive = useRef(false);
  useEffect(() => {
    if (active && !wasActive.current) cancelRef.current?.focus();
    if (!active && wasActive.current) submitRef.current?.focus();
    wasActive.current = active;
  }, [active]);

  const close = () => store.getState().closeDialog();
  const request = (): ExportRequest => ({
    format,
    ...(scope === 'checked' ? { articleIds: checked } : {}),
    ...(scope === 'done' ? { status: 'done' as const } : {}),
    ...(layer ? { layer } : {}),
    options: format === 'csv' ? { bom } : format === 'doccano' ? { doccanoUnit, ...(doccanoNoOverlap ? { doccanoNoOverlap } : {}) } : {},
  });

  const scopes: { value: Scope; text: string }[] = [
    { value: 'checked', text: `The checked articles (${counts.checked})` },
    { value: 'all', text: `All articles (${counts.all})` },
    { value: 'done', text: `Only articles marked done (${counts.done})` },
  ];
  const count = counts[scope];

  return (
    <Dialog
      title="Export"
      onClose={() => {
        store.getState().cancelExport();
        close();
      }}
      className="wide interchange-dialog"
    >
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (active || count === 0) return;
          clearDialogErrors(store);
          await store.getState().runExport(request());
        }}
      >
        <FormatRadioGroup value={format} onChange={setFormat} disabled={active} />

        <fieldset className="io-choice-group compact" role="radiogroup" aria-labelledby={`${id}-scope`} disabled={active}>
          <legend id={`${id}-scope`}>Articles</legend>
          {scopes.map((s) => (
            <label key={s.value} className={scope === s.value ? 'io-choice is-checked' : 'io-choice'}>
              <input
                type="radio"
                name={`${id}-scope`}
                value={s.value}
                checked={scope === s.value}
                disabled={counts[s.value] === 0}
                onChange={() => setScope(s.value)}
              />
              <span className="io-choice-title">{s.text}</span>
            </label>
          ))}
        </fieldset>

        {layerAnnotators.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-layer`}>Layer</label>
            <select id={`${id}-layer`} value={layer} disabled={active} onChange={(e) => setLayer(e.target.value)} aria-describedby={`${id}-layer-note`}>
              <option value="">Gold where it exists</option>
              <option value="gold">Gold (this workspace&apos;s own spans)</option>
              {layerAnnotators.map((a) => (
                <option key={a} value={`annotator:${a}`}>
                  {a}&apos;s layer
                </option>
              ))}
              <option value="all">Every layer, each as its own record</option>
            </select>
            <span className="hint" id={`${id}-layer-note`}>
              By default an article without gold gives its one collected layer; one with several annotators&apos; layers and no gold stops
              the export, naming it: curate it, or choose a layer.
            </span>
          </div>
        )}

        {format === 'csv' && (
          <div className="field checkbox">
            <input id={`${id}-bom`} type="checkbox" checked={bom} disabled={active} onChange={(e) => setBom(e.target.checked)} />
            <label htmlFor={`${id}-bom`}>Add a byte-order mark so Excel opens it</label>
            <span className="hint">Excel needs it to read UTF-8; pandas then wants encoding="utf-8-sig".</span>
          </div>
        )}
        {format === 'doccano' && (
          <>
            <DoccanoUnitField legend="Offsets count" value={doccanoUnit} onChange={setDoccanoUnit} disabled={active} />
            <div className="field checkbox">
              <input
                id={`${id}-no-overlap`}
                type="checkbox"
                checked={doccanoNoOverlap}
                disabled={active}
                aria-describedby={`${id}-overlap-note`}
                onChange={(e) => setDoccanoNoOverlap(e.target.checked)}
              />
              <label htmlFor={`${id}-no-overlap`}>Keep one span per overlap</label>
              <span className="hint" id={`${id}-overlap-note`}>
                Overlapping spans need the doccano project setting “Allow overlapping spans”: without it, doccano drops them and
                its relation import fails. For such a project, tick this box: of spans that overlap only the longest is written
                (ties: the earliest), and the rest are listed after the export.
              </span>
            </div>
          </>
        )}

        <p className="hint">
          Saved as <code>{choice.exportFileName}</code>
          {choice.layout === 'multi' ? ', a zip of several files.' : '.'}
        </p>

        {active && run && (
          <div className="progress-row">
            <progress aria-label="Export progress" max={run.total || undefined} value={run.total ? run.done : undefined} />
            <span className="progress-count" aria-hidden="true">
              {run.total ? `${run.done} / ${run.total}` : ''}
            </span>
          </div>
        )}
        {run?.state === 'done' && run.skipped.length > 0 && (
          <section className="warnings" aria-label="Articles left out">
            <h3>Left out: {plural(run.skipped.length, 'article')} could not be read</h3>
            <ul>
              {run.skipped.slice(0, SHOWN_WARNINGS).map((s) => (
                <li key={s.articleId}>
                  <strong>{s.title}</strong>: {s.message}
                </li>
              ))}
              {run.skipped.length > SHOWN_WARNINGS && <li>and {run.skipped.length - SHOWN_WARNINGS} more</li>}
            </ul>
          </section>
        )}
        {run?.state === 'done' && run.warnings.length > 0 && (
          // The format's loss lines (one per kind, shared/formats/losses.ts) come first in the list.
          <section className="warnings" aria-label="Not written exactly">
            <h3>Not written exactly ({run.warnings.length})</h3>
            <ul>
              {run.warnings.slice(0, SHOWN_WARNINGS).map((w, i) => (
                <li key={i}>{w}</li>
              ))}
              {run.warnings.length > SHOWN_WARNINGS && <li>and {run.warnings.length - SHOWN_WARNINGS} more</li>}
            </ul>
          </section>
        )}

        <div className="dialog-actions">
          <p role="status" className="export-status">
            {run?.state === 'writing' && (run.total ? `Writing ${plural(run.total, 'article')}…` : 'Starting the export…')}
            {run?.state === 'reading' && `Preparing the download (${formatSize(run.bytes)})…`}
            {run?.state === 'cancelling' && 'Cancelling…'}
            {run?.state === 'cancelled' && 'Export cancelled. Nothing was saved.'}
            {run?.state === 'failed' && 'The export failed. Nothing was saved.'}
            {run?.state === 'done' && `Exported ${plural(run.total, 'article')} to ${run.fileName} (${formatSize(run.bytes)}).`}
          </p>
          {active ? (
            <button type="button" className="button" ref={cancelRef} disabled={run?.state === 'cancelling'} onClick={() => store.getState().cancelExport()}>
              Cancel export
            </button>
          ) : (
            <button type="button" className="button" onClick={close}>
              {run?.state === 'done' ? 'Close' : 'Cancel'}
            </button>
          )}
          <button type="submit" className="button primary" ref={submitRef} disabled={active || count === 0}>
            {active ? 'Exporting…' : `Export ${plural(count, 'article')}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
