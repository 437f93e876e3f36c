// The status bar's problem count, as a button that opens the list of the flow's problems: each says
// what is wrong and where (node, edge or the flow, and the field); choosing one selects that node or
// edge on the canvas and brings it into view (FlowStore.reveal). A non-modal popup over the status bar,
// so the canvas stays visible: arrow keys move between problems, Esc closes and gives focus back.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { listProblems, type ListedProblem } from '../canvas/problem-list.js';
import { useFlowSnapshot, useFlowStore } from '../canvas/use-flow-store.js';

export function ProblemsButton() {
  const store = useFlowStore();
  const { doc, problems } = useFlowSnapshot();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const listed = useMemo(() => (open ? listProblems(doc, problems) : []), [open, doc, problems]);

  useEffect(() => {
    if (open) popup.current?.querySelector<HTMLElement>('.problems-item')?.focus();
  }, [open]);
  useEffect(() => {
    if (problems.total === 0) setOpen(false);
  }, [problems.total]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = (item: ListedProblem) => {
    if (item.target.kind === 'flow') return;
    store.reveal(item.target.kind === 'node' ? item.target : { kind: 'edge', key: item.target.key });
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const items = [...(popup.current?.querySelectorAll<HTMLElement>('.problems-item') ?? [])];
      const at = items.indexOf(document.activeElement as HTMLElement);
      items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };

  if (problems.total === 0) return <span className="status-ok">No problems</span>;
  return (
    <span className="problems-anchor">
      <button ref={button} type="button" className="status-problems status-error" aria-expanded={open} aria-controls={open ? listId : undefined} onClick={() => (open ? close() : setOpen(true))}>
        {problems.total} problem{problems.total === 1 ? '' : 's'}
      </button>
      {open && (
        <div ref={popup} id={listId} className="problems-popup" role="dialog" aria-label="Problems" onKeyDown={onKeyDown}>
          <ul className="problems-list">
            {listed.map((item, index) => (
              <li key={index}>
                {item.target.kind === 'flow' ? (
                  <div className="problems-item problems-item-flow" tabIndex={-1}>
                    <ProblemText item={item} />
                  </div>
                ) : (
                  <button type="button" className="problems-item" onClick={() => choose(item)}>
                    <ProblemText item={item} />
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </span>
  );
}

function ProblemText({ item }: { item: ListedProblem }) {
  return (
    <>
      <span className="problems-where">
        {item.where}
        {item.field !== '' && <code className="problems-field">{item.field}</code>}
      </span>
      <span className="problems-message">{item.problem.message}</span>
    </>
  );
}
