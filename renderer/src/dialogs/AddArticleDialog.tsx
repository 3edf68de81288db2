/** "Add article": paste a text with its title and, optionally, publisher, source URL and date. */
import { useState } from 'react';
import { useWorkbenchStore } from '../store/StoreContext';
import { Dialog } from './Dialog';

export function AddArticleDialog() {
  const store = useWorkbenchStore();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const [url, setUrl] = useState('');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().closeDialog();
  const ready = title.trim() !== '' && text.trim() !== '';
  return (
    <Dialog title="Add article" onClose={close} className="wide">
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!ready) return;
          setBusy(true);
          const ok = await store.getState().createArticle({
            title: title.trim(),
            text,
            ...(source.trim() ? { source: source.trim() } : {}),
            ...(url.trim() ? { url: url.trim() } : {}),
            ...(date.trim() ? { date: date.trim() } : {}),
          });
          setBusy(false);
          if (ok) {
            store.getState().clearErrors();
            close();
          }
        }}
      >
        <div className="field">
          <label htmlFor="new-title">Title</label>
          <input id="new-title" data-autofocus required value={title} dir="auto" onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="new-text">Text</label>
          <textarea
            id="new-text"
            required
            rows={12}
            dir="auto"
            value={text}
            placeholder="Paste the article text here. Each line becomes a paragraph."
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="new-source">Publisher</label>
            <input id="new-source" value={source} onChange={(e) => setSource(e.target.value)} placeholder="optional" />
          </div>
          <div className="field">
            <label htmlFor="new-url">Source URL</label>
            <input id="new-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="optional" />
          </div>
          <div className="field">
            <label htmlFor="new-date">Date</label>
            <input id="new-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!ready || busy}>
            {busy ? 'Saving…' : 'Save article'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
