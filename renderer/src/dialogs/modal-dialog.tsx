// The designer's modal dialog: a native <dialog> opened with showModal, so focus stays inside and
// Escape cancels (it calls onCancel rather than closing by itself, so the owner decides); named by its
// title. The flows list's questions, the operations dialogs and the shortcut help all use it.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ModalDialogProps {
  title: string;
  /** The dialog's own class, which styles it. */
  className: string;
  titleClassName?: string;
  onCancel: () => void;
  children: ReactNode;
}

export function ModalDialog({ title, className, titleClassName, onCancel, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} {...(titleClassName === undefined ? {} : { className: titleClassName })}>{title}</h2>
      {children}
    </dialog>
  );
}
