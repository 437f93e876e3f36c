// Questions the flows session asks (./flow-session.ts SessionPrompts) and the id + name form, as
// promises answered by the dialogs in ./flow-dialog.tsx. One dialog at a time; `dialog` is rendered by
// the app wherever it likes.
import { useMemo, useState, type ReactNode } from 'react';
import { ChoiceDialog, FlowFieldsDialog, type FlowFields } from './flow-dialog.js';
import type { ConflictChoice, SessionPrompts } from './flow-session.js';

export interface FlowDialogs {
  prompts: SessionPrompts;
  askFields(title: string, submit: string, initial: FlowFields): Promise<FlowFields | undefined>;
  dialog: ReactNode;
}

export function useFlowDialogs(): FlowDialogs {
  const [dialog, setDialog] = useState<ReactNode>(null);

  const api = useMemo(() => {
    const show = <T,>(render: (done: (value: T) => void) => ReactNode): Promise<T> =>
      new Promise<T>((resolve) => {
        setDialog(
          render((value) => {
            setDialog(null);
            resolve(value);
          }),
        );
      });

    const prompts: SessionPrompts = {
      confirmDiscard: (action) =>
        show<boolean>((done) => (
          <ChoiceDialog title="Unsaved changes" message={`This flow has changes that are not saved. Discard them and ${action}?`} choices={[{ label: 'Discard changes', value: true, kind: 'danger' }]} cancel={false} onChoose={done} />
        )),
      confirmDelete: ({ id, name }) =>
        show<boolean>((done) => (
          <ChoiceDialog title="Delete flow?" message={`Delete "${name}" (flows/${id}.flow.json)? This cannot be undone.`} choices={[{ label: 'Delete', value: true, kind: 'danger' }]} cancel={false} onChoose={done} />
        )),
      resolveConflict: (flowId) =>
        show<ConflictChoice>((done) => (
          <ChoiceDialog
            title="The flow changed on disk"
            message={`flows/${flowId}.flow.json was changed by someone or something else since you opened it. Reload it (your unsaved changes are lost) or overwrite it with your version?`}
            choices={[
              { label: 'Reload', value: 'reload' },
              { label: 'Overwrite', value: 'overwrite', kind: 'danger' },
            ]}
            cancel="cancel"
            onChoose={done}
          />
        )),
    };
    return {
      prompts,
      askFields: (title: string, submit: string, initial: FlowFields) => show<FlowFields | undefined>((done) => <FlowFieldsDialog title={title} submit={submit} initial={initial} onDone={done} />),
    };
  }, []);
  return { ...api, dialog };
}
