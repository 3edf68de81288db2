/**
 * What opening the workspace found and repaired (an index rebuilt from the article files,
 * leftovers of a killed import removed, a torn journal line cut off), shown above the library
 * until dismissed: the user should know when the app fixed something behind their back.
 */
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';

const NONE: readonly string[] = [];

export function WorkspaceNotices() {
  const store = useWorkbenchStore();
  const notices = useWorkbench((s) => s.workspace?.notices ?? NONE);
  if (notices.length === 0) return null;
  return (
    <section className="workspace-notices" role="status" aria-label="Workspace repairs">
      <h2>Opening the workspace repaired {notices.length === 1 ? 'one thing' : `${notices.length} things`}</h2>
      <ul>
        {notices.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
      <button type="button" className="button" onClick={() => store.getState().dismissNotices()}>
        Dismiss
      </button>
    </section>
  );
}
