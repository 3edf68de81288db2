/** Commands on spans, history and the article as a whole. */
import type { WorkbenchState } from '../store/types';
import { planWith, type Command } from './command';
import { planDeleteSpan, planToggleDone } from './spanEdits';
import { documentOf } from '../store/documentState';

const articleOpen = (s: WorkbenchState) => !!documentOf(s).article;
const spanSelected = (s: WorkbenchState) => !!documentOf(s).article && !!s.selectedSpanId;

export const editingCommands: Command[] = [
  {
    id: 'span.delete',
    label: 'Delete span',
    category: 'Spans',
    keys: [{ key: 'Delete' }, { key: 'Backspace' }],
    when: spanSelected,
    plan: planWith((ctx, s) => (s.selectedSpanId ? planDeleteSpan(ctx, s.selectedSpanId) : null)),
  },
  {
    id: 'span.editNote',
    label: 'Edit note',
    category: 'Spans',
    keys: [{ key: 'Enter' }],
    description: 'Write a note on the selected span; Enter saves it, Escape cancels',
    when: spanSelected,
    perform: (s) => s.requestNoteFocus(),
  },
  {
    id: 'span.next',
    label: 'Next span',
    category: 'Spans',
    keys: [{ key: 'n' }],
    when: (s) => !!documentOf(s).article?.spans.length,
    perform: (s) => s.selectAdjacentSpan(1),
  },
  {
    id: 'span.previous',
    label: 'Previous span',
    category: 'Spans',
    keys: [{ key: 'p' }],
    when: (s) => !!documentOf(s).article?.spans.length,
    perform: (s) => s.selectAdjacentSpan(-1),
  },
  {
    id: 'selection.clear',
    label: 'Deselect',
    category: 'Spans',
    keys: [{ key: 'Escape' }],
    when: (s) => !!documentOf(s).article && (!!s.selectedSpanId || (!!s.textSelection && s.textSelection.anchor !== s.textSelection.focus)),
    perform: (s) => s.clearSelection(),
  },
  {
    id: 'history.undo',
    label: 'Undo',
    category: 'History',
    keys: [{ key: 'z', mod: true }],
    when: (s) => articleOpen(s) && documentOf(s).undoStack.at(-1)?.articleId === s.openArticleId,
    perform: (s) => s.undo(),
  },
  {
    id: 'history.redo',
    label: 'Redo',
    category: 'History',
    keys: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    when: (s) => articleOpen(s) && documentOf(s).redoStack.at(-1)?.articleId === s.openArticleId,
    perform: (s) => s.redo(),
  },
  {
    id: 'article.toggleDone',
    label: 'Mark done / reopen',
    category: 'Article',
    keys: [{ key: 'Enter', mod: true }],
    when: articleOpen,
    plan: planWith(planToggleDone),
  },
  {
    id: 'article.close',
    label: 'Back to library',
    category: 'Article',
    keys: [],
    when: (s) => !!s.openArticleId,
    perform: (s) => s.closeArticle(),
  },
  {
    id: 'help.shortcuts',
    label: 'Keyboard shortcuts',
    category: 'General',
    keys: [{ key: '?' }, { key: 'F1' }],
    when: () => true,
    perform: (s) => s.openDialog({ kind: 'help' }),
  },
];
