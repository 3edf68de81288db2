/**
 * The Entities view's two confirmations: "Merge into…" (pick which of the checked entities
 * survives; the others' names become its aliases and their mentions are relinked) and
 * deleting entities (mentions lose their link, the spans stay).
 */
import { useState } from 'react';
import { Dialog } from '../dialogs/Dialog';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { plural } from '../statements/linking';

export function MergeEntitiesDialog({ ids }: { ids: readonly string[] }) {
  const store = useWorkbenchStore();
  const all = useWorkbench((s) => s.entities);
  const chosen = all.filter((e) => ids.includes(e.id));
  // The first one checked is kept by default (check the canonical entry first, then its variants).
  const [intoId, setIntoId] = useState(ids.find((id) => chosen.some((e) => e.id === id)) ?? '');
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().closeDialog();
  const kinds = new Set(chosen.map((e) => e.kind));
  const target = chosen.find((e) => e.id === intoId);
  return (
    <Dialog title="Merge into…" onClose={close} describedBy="merge-text">
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!target) return;
          setBusy(true);
          const ok = await store.getState().mergeEntities(ids, intoId);
          setBusy(false);
          if (ok) {
            store.getState().setCheckedEntities([]);
            store.getState().closeDialog();
            store.getState().showNotice(`Merged ${plural(chosen.length - 1, 'entry', 'entries')} into “${target.name}”.`);
          }
        }}
      >
        <p id="merge-text">
          The mentions of the others will be linked to the one you keep; their names become its aliases.
        </p>
        {kinds.size > 1 ? (
          <p role="alert" className="alert">
            Actors and concepts cannot be merged with each other. Check entries of one kind only.
          </p>
        ) : (
          <fieldset className="merge-choices">
            <legend>Keep</legend>
            {chosen.map((e, i) => (
              <label key={e.id} className="radio-row">
                <input
                  type="radio"
                  name="merge-into"
                  value={e.id}
                  checked={intoId === e.id}
                  data-autofocus={i === 0 ? true : undefined}
                  onChange={() => setIntoId(e.id)}
                />
                <span dir="auto">{e.name}</span>
                {e.aliases.length > 0 && <span className="muted small"> (also: {e.aliases.join(', ')})</span>}
              </label>
            ))}
          </fieldset>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || kinds.size !== 1 || chosen.length < 2}>
            {target ? `Merge into “${target.name}”` : 'Merge'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteEntitiesDialog({ ids }: { ids: readonly string[] }) {
  const store = useWorkbenchStore();
  const all = useWorkbench((s) => s.entities);
  const chosen = all.filter((e) => ids.includes(e.id));
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().closeDialog();
  const what = chosen.length === 1 ? `“${chosen[0].name}”` : plural(chosen.length, 'entry', 'entries');
  return (
    <Dialog title={chosen.length === 1 ? 'Delete entity?' : 'Delete entities?'} onClose={close} describedBy="delete-entities-text">
      <p id="delete-entities-text">
        {what} will be deleted. Spans linked to {chosen.length === 1 ? 'it' : 'them'} stay, but lose the link (they count as
        “unlinked” in networks).
      </p>
      {chosen.length > 1 && (
        <ul className="delete-entities-list" aria-label="To be deleted">
          {chosen.slice(0, 12).map((e) => (
            <li key={e.id} dir="auto">
              {e.name}
            </li>
          ))}
          {chosen.length > 12 && <li className="muted">and {chosen.length - 12} more</li>}
        </ul>
      )}
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
            await store.getState().deleteEntities(ids);
            setBusy(false);
            store.getState().setCheckedEntities([]);
            store.getState().closeDialog();
          }}
        >
          Delete
        </button>
      </div>
    </Dialog>
  );
}
