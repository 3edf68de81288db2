/** Confirmation before an article and its annotations are deleted for good. */
import { useState } from 'react';
import { useWorkbenchStore } from '../store/StoreContext';
import { Dialog } from './Dialog';

export function DeleteArticleDialog({ articleId, title }: { articleId: string; title: string }) {
  const store = useWorkbenchStore();
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().closeDialog();
  return (
    <Dialog title="Delete article?" onClose={close} describedBy="delete-text">
      <p id="delete-text">
        <strong dir="auto">{title}</strong> and all its spans will be deleted from the workspace. This cannot be undone.
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" data-autofocus onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await store.getState().deleteArticle(articleId);
            setBusy(false);
          }}
        >
          Delete permanently
        </button>
      </div>
    </Dialog>
  );
}
