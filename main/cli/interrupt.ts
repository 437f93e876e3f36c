// SIGINT/SIGTERM during a drive abort it through an AbortSignal: the engine releases its leases and the
// run shows as interrupted, ready for `pipewright resume`. A second signal exits at once; the leases
// then expire on their own and `resume` takes them over.
import { EXIT } from './context.js';

export interface Interrupt {
  signal: AbortSignal;
  /** Called once, on the first signal; replaceable, so whoever is drawing on the terminal can tidy up first. */
  onSignal: ((signal: NodeJS.Signals) => void) | undefined;
  /** The signal that stopped us, once one did. */
  readonly received: NodeJS.Signals | undefined;
  dispose(): void;
}

export function watchInterrupts(onSignal?: (signal: NodeJS.Signals) => void): Interrupt {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    if (received) process.exit(EXIT.interrupted);
    received = signal;
    interrupt.onSignal?.(signal);
    controller.abort(new Error(`stopped by ${signal}`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  const interrupt: Interrupt = {
    onSignal,
    signal: controller.signal,
    get received() {
      return received;
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
  return interrupt;
}
