/** Renders the open dialog, if any; the first-run name prompt wins over everything else. */
import { useWorkbench } from '../store/StoreContext';
import { AddArticleDialog } from './AddArticleDialog';
import { AnnotatorDialog } from './AnnotatorDialog';
import { DeleteArticleDialog } from './DeleteArticleDialog';
import { HelpDialog } from './HelpDialog';
import { ImportJsonlDialog } from './ImportJsonlDialog';
import { ExportDialog, ImportDialog } from './interchangeDialogs';
import { SettingsDialog } from './SettingsDialog';
import { DeleteSpanDialog } from '../statements/DeleteSpanDialog';
import { DeleteEntitiesDialog, MergeEntitiesDialog } from '../entities/EntityDialogs';

export function useNeedsAnnotator(): boolean {
  return useWorkbench((s) => !!s.workspace && !s.workspace.settings.annotator);
}

export function useAnyDialogOpen(): boolean {
  const needs = useNeedsAnnotator();
  const dialog = useWorkbench((s) => s.dialog);
  return needs || !!dialog;
}

export function DialogHost() {
  const dialog = useWorkbench((s) => s.dialog);
  if (useNeedsAnnotator()) return <AnnotatorDialog />;
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'settings':
      return <SettingsDialog />;
    case 'help':
      return <HelpDialog />;
    case 'addArticle':
      return <AddArticleDialog />;
    case 'deleteArticle':
      return <DeleteArticleDialog articleId={dialog.articleId} title={dialog.title} />;
    case 'deleteSpanWithStatements':
      return <DeleteSpanDialog spanId={dialog.spanId} />;
    case 'mergeEntities':
      return <MergeEntitiesDialog ids={dialog.ids} />;
    case 'deleteEntities':
      return <DeleteEntitiesDialog ids={dialog.ids} />;
    case 'importJsonl':
      return <ImportJsonlDialog fileName={dialog.fileName} preview={dialog.preview} />;
    case 'import':
      return <ImportDialog />;
    case 'export':
      return <ExportDialog />;
  }
}
