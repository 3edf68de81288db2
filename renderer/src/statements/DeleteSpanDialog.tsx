/**
 * Confirmation before deleting a span that statements use: it names how many statements go
 * with it (those it is the actor or claim of) and how many only lose their stance. One batch,
 * so one Undo brings everything back.
 */
import { Dialog } from '../dialogs/Dialog';
import { focusArticleText } from '../document/ArticleText';
import { shorten, spanText } from '../document/spanText';
import { useDocument, useWorkbenchStore } from '../store/StoreContext';
import { plural, spanUsage } from './linking';

export function DeleteSpanDialog({ spanId }: { spanId: string }) {
  const store = useWorkbenchStore();
  const span = useDocument((doc) => doc.article?.spans.find((sp) => sp.id === spanId));
  const text = useDocument((doc) => doc.article?.text ?? '');
  const statements = useDocument((doc) => doc.article?.statements);
  const close = () => {
    store.getState().closeDialog();
    focusArticleText();
  };
  if (!span || !statements) return null;
  const { removed, unstanced } = spanUsage(statements, spanId);
  const confirmText = removed.length ? `Delete span and ${plural(removed.length, 'statement')}` : 'Delete span';
  return (
    <Dialog title="Delete span used by statements?" onClose={close} describedBy="delete-span-text">
      <div id="delete-span-text">
        <p>
          <strong dir="auto">“{shorten(spanText(text, span), 120)}”</strong> is used by{' '}
          {plural(removed.length + unstanced.length, 'statement')}.
        </p>
        <ul className="plain-list">
          {removed.length > 0 && <li>{plural(removed.length, 'statement')} will be deleted with it (it is their actor or claim).</li>}
          {unstanced.length > 0 && <li>{plural(unstanced.length, 'statement')} will keep going without a stance span.</li>}
        </ul>
        <p className="muted small">Undo brings the span and its statements back.</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" data-autofocus onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            store.getState().closeDialog();
            store.getState().deleteSpanAndStatements(spanId);
            focusArticleText();
          }}
        >
          {confirmText}
        </button>
      </div>
    </Dialog>
  );
}
