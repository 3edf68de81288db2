/**
 * Details of the selected span in the side panel: its label, text and annotator, the "Note"
 * field (Enter on a span focuses it; Enter saves, Shift+Enter adds a line, Escape cancels)
 * and a Delete button. Without a selection it shows how to annotate.
 */
import { useEffect, useRef, useState } from 'react';
import type { Span } from '../../../shared/domain/model';
import { useRunCommand } from '../commands/useCommands';
import { useDocument, useWorkbench, useWorkbenchDocument, useWorkbenchStore } from '../store/StoreContext';
import { selectLabels } from '../store/workspaceSlice';
import { selectSelectedSpan } from '../store/selectionSlice';
import { focusArticleText } from './ArticleText';
import { shorten, spanText } from './spanText';
import { EntityField } from '../entities/EntityField';
import { roleOfSpan } from '../statements/linking';
import { SpanStatements } from '../statements/SpanStatements';
import { useAfterPaint } from '../components/useAfterPaint';

export function SelectedSpanCard() {
  // A frame after the text: the new highlight is painted first (see useAfterPaint).
  const span = useAfterPaint(useWorkbenchDocument(selectSelectedSpan));
  const labels = useWorkbench(selectLabels);
  const text = useDocument((doc) => doc.article?.text ?? '');
  const run = useRunCommand();
  if (!span)
    return (
      <section className="card selected-card is-empty" aria-label="Selected span">
        <h2 className="panel-title">Selected span</h2>
        <p className="muted">
          Select text with the mouse (or with <kbd>Shift</kbd>+<kbd>→</kbd> in the text), then press a label key. Click a
          highlight, or press <kbd>N</kbd>/<kbd>P</kbd>, to select a span.
        </p>
      </section>
    );
  const label = labels.find((l) => l.id === span.labelId);
  return (
    <section className="card selected-card" aria-label="Selected span">
      <h2 className="panel-title">Selected span</h2>
      <p className="selected-label">
        <span className="chip" style={{ backgroundColor: label?.color ?? '#6b7280' }}>
          {label?.name ?? span.labelId}
        </span>
        <span className="muted small">
          {span.annotator ? `by ${span.annotator}` : ''}
        </span>
      </p>
      <blockquote className="selected-text" dir="auto">
        {shorten(spanText(text, span), 400)}
      </blockquote>
      <NoteField key={span.id} span={span} />
      {roleOfSpan(span, labels) === 'actor' && <EntityField span={span} kind="actor" />}
      {roleOfSpan(span, labels) === 'claim' && <EntityField span={span} kind="concept" />}
      <SpanStatements span={span} />
      <div className="card-actions">
        <button type="button" className="button danger-quiet" onClick={() => run('span.delete')} aria-keyshortcuts="Delete">
          Delete span
        </button>
      </div>
    </section>
  );
}

/**
 * Keyed by the span's id: each span gets its own field. The card follows the selection a frame
 * later, so a note may be typed while the card still shows the previous span; when the card
 * switches (or goes), a note typed and neither saved nor cancelled is saved to the span it was
 * typed for, not dropped with the field.
 */
function NoteField({ span }: { span: Span }) {
  const store = useWorkbenchStore();
  const [value, setValue] = useState(span.note ?? '');
  // The text typed since the last save, cancel or outside change of the note; null when none.
  const unsaved = useRef<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const focusSeq = useWorkbench((s) => s.noteFocusSeq);
  const seenSeq = useRef(focusSeq);
  const skipBlurCommit = useRef(false);
  const spanId = span.id;

  useEffect(() => {
    unsaved.current = null;
    setValue(span.note ?? '');
  }, [span.note]);
  useEffect(() => {
    if (focusSeq !== seenSeq.current) {
      seenSeq.current = focusSeq;
      ref.current?.focus();
    }
  }, [focusSeq]);
  useEffect(
    () => () => {
      if (unsaved.current !== null) store.getState().setSpanNote(spanId, unsaved.current);
    },
    [store, spanId],
  );

  const commit = () => {
    unsaved.current = null;
    store.getState().setSpanNote(span.id, value);
  };

  return (
    <div className="field">
      <label htmlFor="span-note">Note</label>
      <textarea
        id="span-note"
        ref={ref}
        rows={3}
        dir="auto"
        value={value}
        placeholder="Add a note…"
        onChange={(e) => {
          unsaved.current = e.target.value;
          setValue(e.target.value);
        }}
        onBlur={() => {
          if (skipBlurCommit.current) skipBlurCommit.current = false;
          else commit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            commit();
            skipBlurCommit.current = true;
            focusArticleText();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            unsaved.current = null;
            setValue(span.note ?? '');
            skipBlurCommit.current = true;
            focusArticleText();
          }
        }}
      />
      <p className="hint">Enter saves · Shift+Enter new line · Esc cancels</p>
    </div>
  );
}
