// The keyboard shortcut help, opened with `?`: a modal dialog listing ../canvas/shortcuts.ts, the same
// list the key handlers dispatch on. Esc (the dialog's cancel) or Close closes it.
import { SHORTCUTS } from '../canvas/shortcuts.js';
import { ModalDialog } from '../dialogs/modal-dialog.js';
import './shortcut-help.css';

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" className="shortcut-help" onCancel={onClose}>
      <table>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.id}>
              <th scope="row">
                {shortcut.keys.map((keys, index) => (
                  <span key={keys}>
                    {index > 0 && ' or '}
                    <kbd>{keys}</kbd>
                  </span>
                ))}
              </th>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="shortcut-help-note">Ctrl is ⌘ on a Mac. Only Save works while typing in a field or editor.</p>
      <button type="button" className="button" onClick={onClose} autoFocus>
        Close
      </button>
    </ModalDialog>
  );
}
