/**
 * The alert region: every error the API (or a check in the UI) reported, until dismissed.
 * Rendered inside the open dialog, or on the page when no dialog is open.
 */
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';

/** `inDialog`: show only the errors reported since the dialog opened (older ones wait on the page). */
export function ErrorAlerts({ inDialog = false }: { inDialog?: boolean }) {
  const all = useWorkbench((s) => s.errors);
  const floor = useWorkbench((s) => (inDialog && s.dialog ? s.dialogErrorFloor : 0));
  const errors = floor ? all.filter((e) => e.id > floor) : all;
  const store = useWorkbenchStore();
  return (
    <div role="alert" className={errors.length ? 'alerts' : 'alerts is-empty'}>
      {errors.map((e) => (
        <div key={e.id} className="alert">
          <span className="alert-icon" aria-hidden="true">!</span>
          <p className="alert-text">{e.message}</p>
          <button type="button" className="button ghost small" onClick={() => store.getState().dismissError(e.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
