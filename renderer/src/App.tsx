/**
 * The application frame: a top bar, the library or the open article, the dialog host, the
 * alert region and notices. The keyboard handler for the command registry is installed here.
 */
import { useEffect } from 'react';
import { useCommandKeys } from './commands/useCommands';
import { ErrorAlerts } from './components/ErrorAlerts';
import { Notice } from './components/Notice';
import { DialogHost, useAnyDialogOpen } from './dialogs/DialogHost';
import { AnnotatingView } from './document/AnnotatingView';
import { LibraryView } from './library/LibraryView';
import { EntitiesView } from './entities/EntitiesView';
import { NetworkView } from './network/NetworkView';
import { TeamView } from './team/TeamView';
import { ScreenButtons } from './network/ScreenButtons';
import { useDocument, useWorkbench, useWorkbenchStore } from './store/StoreContext';

function TopBar() {
  const store = useWorkbenchStore();
  const annotator = useWorkbench((s) => s.workspace?.settings.annotator);
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Annotation Workbench
      </div>
      <div className="top-actions">
        {annotator && <span className="muted small annotator">Annotating as {annotator}</span>}
        <ScreenButtons />
        <button type="button" className="button ghost" onClick={() => store.getState().openDialog({ kind: 'help' })} aria-keyshortcuts="?">
          <kbd aria-hidden="true">?</kbd> Keyboard shortcuts
        </button>
        <button type="button" className="button ghost" onClick={() => store.getState().openDialog({ kind: 'settings' })}>
          Settings
        </button>
      </div>
    </header>
  );
}

export function App() {
  const articleOpen = useWorkbench((s) => s.openArticleId !== null);
  const screen = useWorkbench((s) => s.screen);
  const dialogOpen = useAnyDialogOpen();
  useCommandKeys();
  const title = useDocument((doc) => doc.article?.title);
  useEffect(() => {
    document.title = title ? `${title} — Annotation Workbench` : 'Annotation Workbench';
  }, [title]);
  return (
    <div className="app">
      <TopBar />
      {!dialogOpen && <ErrorAlerts />}
      {screen === 'entities' ? <EntitiesView /> : screen === 'network' ? <NetworkView /> : screen === 'team' ? <TeamView /> : articleOpen ? <AnnotatingView /> : <LibraryView />}
      <Notice />
      <DialogHost />
    </div>
  );
}
