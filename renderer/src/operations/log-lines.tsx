// The lines of the Logs view: time (local), level in words and colour, the node that wrote it (a link
// that selects it on the canvas) and the message. It follows new lines at the bottom while the user is
// there; scrolling up stops that and offers "Jump to latest".
import { useLayoutEffect, useRef, useState } from 'react';
import type { LogEntry } from '../../../shared/api/runs.js';
import { formatTime } from './format.js';
import { levelWords } from './log-filter.js';

/** How close to the bottom (px) still counts as at the bottom. */
const BOTTOM_SLACK = 24;

export interface LogLinesProps {
  lines: readonly LogEntry[];
  onShowNode?: (nodeId: string) => void;
}

export function LogLines({ lines, onShowNode }: LogLinesProps) {
  const box = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [unseen, setUnseen] = useState(0);
  const seenLast = useRef<number | undefined>(undefined);

  // After the lines change: keep to the bottom while following, else count what arrived below.
  useLayoutEffect(() => {
    const element = box.current;
    const last = lines.at(-1)?.seq;
    if (element && following) {
      element.scrollTop = element.scrollHeight;
      setUnseen(0);
    } else if (!following && last !== seenLast.current) {
      const before = seenLast.current ?? 0;
      setUnseen((count) => count + lines.filter((line) => line.seq > before).length);
    }
    seenLast.current = last;
  }, [lines, following]);

  const jumpToLatest = (): void => {
    const element = box.current;
    if (element) element.scrollTop = element.scrollHeight;
    setFollowing(true);
    setUnseen(0);
  };

  return (
    <div className="ops-log-wrap">
      <div
        ref={box}
        className="ops-log"
        role="log"
        aria-label="Log lines"
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          setFollowing(element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK);
        }}
      >
        <ol className="ops-log-lines">
          {lines.map((line) => (
            <li key={line.seq} className={`ops-log-line ops-log-${line.level}`}>
              <time className="ops-log-time" dateTime={line.at}>{formatTime(line.at)}</time>
              <span className="ops-log-level">{levelWords[line.level]}</span>
              <span className="ops-log-node">
                {line.nodeId === undefined ? <span className="ops-muted">run</span>
                  : onShowNode ? <button type="button" className="ops-link" onClick={() => onShowNode(line.nodeId ?? '')} aria-label={`Show node ${line.nodeId} on canvas`}>{line.nodeId}</button>
                    : line.nodeId}
              </span>
              <span className="ops-log-message">{line.message}</span>
            </li>
          ))}
        </ol>
      </div>
      {!following && (
        <button type="button" className="button ops-log-jump" onClick={jumpToLatest}>
          Jump to latest{unseen > 0 ? ` (${unseen.toLocaleString()} new)` : ''}
        </button>
      )}
    </div>
  );
}
