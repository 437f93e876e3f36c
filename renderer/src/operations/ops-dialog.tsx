// A modal dialog of the operations views (bundles, retention): a native <dialog> opened with showModal,
// so focus stays inside and Escape closes it; named by its title. Styled like the flows' dialogs.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function OpsDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="flow-dialog ops-dialog" aria-labelledby={titleId} onCancel={(event) => {
      event.preventDefault();
      onClose();
    }}>
      <h2 id={titleId} className="flow-dialog-title">{title}</h2>
      {children}
    </dialog>
  );
}
