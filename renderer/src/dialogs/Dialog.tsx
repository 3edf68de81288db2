/**
 * A modal dialog on the native <dialog> element (focus trap, Escape, top layer for free),
 * named by its heading. The alert region lives inside the open dialog, because the page
 * behind a modal dialog is inert.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { ErrorAlerts } from '../components/ErrorAlerts';

interface DialogProps {
  title: string;
  /** Escape or a close button; omit to make the dialog impossible to dismiss (first run). */
  onClose?: () => void;
  children: ReactNode;
  className?: string;
  describedBy?: string;
}

export function Dialog({ title, onClose, children, className, describedBy }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!el.open) {
      if (typeof el.showModal === 'function') {
        try {
          el.showModal();
        } catch {
          el.setAttribute('open', '');
        }
      } else el.setAttribute('open', '');
    }
    const autofocus = el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>('.dialog-header .close');
    autofocus?.focus();
    return () => {
      if (el.open) el.close?.();
      // Give focus back to what opened the dialog, when it is still there.
      if (opener && opener.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={headingId}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose?.();
      }}
    >
      <div className="dialog-header">
        <h2 id={headingId}>{title}</h2>
        {onClose && (
          <button type="button" className="button ghost icon close" onClick={onClose}>
            <span aria-hidden="true">×</span>
            <span className="visually-hidden">Close</span>
          </button>
        )}
      </div>
      <ErrorAlerts inDialog />
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
