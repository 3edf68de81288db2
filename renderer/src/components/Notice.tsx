/** Short-lived, polite messages ("Imported 3 articles", "Select some text first"). */
import { useEffect } from 'react';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';

export function Notice() {
  const notice = useWorkbench((s) => s.notice);
  const store = useWorkbenchStore();
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => {
      if (store.getState().notice?.id === notice.id) store.setState({ notice: null });
    }, 4000);
    return () => clearTimeout(t);
  }, [notice, store]);
  return (
    <div className={notice ? 'notice' : 'notice is-empty'} role="status" aria-live="polite">
      {notice?.message}
    </div>
  );
}
