/**
 * The annotating screen: header (back, title, save status, undo/redo, mark done, help), the
 * label buttons, the article text, and the side panel (selected span, spans by label).
 */
import { useEffect } from 'react';
import { ariaKeyShortcuts, formatBinding } from '../commands/keys';
import { findCommand } from '../commands/registry';
import { useCommands, useRunCommand } from '../commands/useCommands';
import { useDocument, useWorkbench, useWorkbenchDocument } from '../store/StoreContext';
import { ArticleText, focusArticleText } from './ArticleText';
import { LabelBar } from './LabelBar';
import { SelectedSpanCard } from './SelectedSpanCard';
import { LinkingBar } from '../statements/LinkingBar';
import { SideTabs } from '../statements/SideTabs';
import { StatementOverlay } from '../statements/StatementOverlay';

function SaveStatus() {
  const status = useWorkbenchDocument((s, doc) =>
    doc.outbox.some((b) => b.articleId === s.openArticleId) ? 'saving' : doc.saveError ? 'error' : doc.annotationsPending ? 'loading' : 'saved',
  );
  return (
    <p role="status" className={`save-status is-${status === 'loading' ? 'saving' : status}`}>
      <span className="dot" aria-hidden="true" />
      {status === 'saving' ? 'Saving…' : status === 'error' ? 'Changes not saved' : status === 'loading' ? 'Loading spans…' : 'All changes saved'}
    </p>
  );
}

function CommandButton({
  id,
  children,
  className = 'button',
  pressed,
  detail,
}: {
  id: string;
  children: React.ReactNode;
  className?: string;
  pressed?: boolean;
  /** Shown in the tooltip after the command's label, e.g. what Undo would undo. */
  detail?: string;
}) {
  const commands = useCommands();
  const run = useRunCommand();
  const command = findCommand(commands, id);
  // `when` reads the store and the document (documentOf), so this wakes on changes of either.
  const enabled = useWorkbenchDocument((s) => !!command && command.when(s));
  const keys = command?.keys ?? [];
  return (
    <button
      type="button"
      className={className}
      disabled={!enabled}
      aria-pressed={pressed}
      aria-keyshortcuts={keys.length ? ariaKeyShortcuts(keys) : undefined}
      title={command ? `${command.label}${detail ? ` ${detail}` : ''}${keys.length ? ` (${keys.map((k) => formatBinding(k)).join(', ')})` : ''}` : undefined}
      onClick={() => run(id)}
    >
      {children}
    </button>
  );
}

export function AnnotatingView() {
  const title = useDocument((doc) => doc.article?.title);
  const meta = useDocument((doc) => [doc.article?.source, doc.article?.date].filter(Boolean).join(' · '));
  const done = useDocument((doc) => doc.article?.status === 'done');
  const loading = useWorkbench((s) => s.docLoading);
  const undoTitle = useDocument((doc) => doc.undoStack.at(-1)?.description);
  const redoTitle = useDocument((doc) => doc.redoStack.at(-1)?.description);
  const run = useRunCommand();

  useEffect(() => {
    if (!loading && title !== undefined) focusArticleText();
  }, [loading, title]);

  return (
    <div className="annotate">
      <header className="doc-header">
        <button type="button" className="button ghost back" onClick={() => run('article.close')}>
          <span aria-hidden="true">←</span> Back to library
        </button>
        <div className="doc-title">
          <h1 dir="auto">{title ?? (loading ? 'Opening…' : '')}</h1>
          {meta && (
            <p className="muted small" dir="auto">
              {meta}
            </p>
          )}
        </div>
        <SaveStatus />
        <div className="doc-actions">
          <CommandButton id="history.undo" detail={undoTitle}>
            <span aria-hidden="true">↶ </span>Undo
          </CommandButton>
          <CommandButton id="history.redo" detail={redoTitle}>
            <span aria-hidden="true">↷ </span>Redo
          </CommandButton>
          <CommandButton id="article.toggleDone" className={done ? 'button done is-done' : 'button done'} pressed={done}>
            <span aria-hidden="true">{done ? '✓ ' : ''}</span>Mark done
          </CommandButton>
        </div>
      </header>
      {title === undefined ? (
        <div className="doc-loading muted">{loading ? 'Opening the article…' : ''}</div>
      ) : (
        <div className="doc-body">
          <main className="doc-main">
            <LabelBar />
            <div className="text-scroll">
              <ArticleText />
              <StatementOverlay />
            </div>
            {/* Below the text, so the highlights do not move while a statement is linked by mouse. */}
            <LinkingBar />
            <p id="article-text-help" className="visually-hidden">
              Select text, then press a label key (1, 2, 3). In the text: arrow keys move by word, Shift with arrows
              selects, N and P move between spans, Delete removes the selected span, L links the selected span into a statement, question mark lists all shortcuts.
            </p>
          </main>
          <aside className="side">
            <SelectedSpanCard />
            {/* The "Spans" region, with "Statements" beside it as a second tab. */}
            <SideTabs />
          </aside>
        </div>
      )}
    </div>
  );
}
