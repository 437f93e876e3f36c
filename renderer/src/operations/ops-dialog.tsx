// A modal dialog of the operations views (bundles, retention), styled like the flows' dialogs
// (../dialogs/modal-dialog.tsx): Escape closes it.
import type { ReactNode } from 'react';
import { ModalDialog } from '../dialogs/modal-dialog.js';

export function OpsDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  return (
    <ModalDialog title={title} className="flow-dialog ops-dialog" titleClassName="flow-dialog-title" onCancel={onClose}>
      {children}
    </ModalDialog>
  );
}
