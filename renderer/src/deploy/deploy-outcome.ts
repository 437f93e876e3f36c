// How a deploy's outcome per flow reads in the Deploy to server… dialog (the same words as `pipewright
// deploy` prints: new (version 1), updated to version N, unchanged (version N)).
import type { DeployFlowOutcome } from '../../../shared/api/deploy.js';

export function describeOutcome(outcome: DeployFlowOutcome): string {
  switch (outcome.change) {
    case 'new': return `new (version ${outcome.version})`;
    case 'updated': return `updated to version ${outcome.version}`;
    case 'unchanged': return `unchanged (version ${outcome.version})`;
    case 'refused': return `refused: ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}`;
    case 'not-sent': return 'not sent: a deploy is all or nothing, and another flow was refused';
  }
}

/** A problem as one line: where (file, path) and what. */
export function describeProblem(problem: { code: string; message: string; file?: string; path?: string }): string {
  const where = [problem.file, problem.path].filter((part) => part !== undefined && part !== '').join(':');
  return `${where === '' ? '' : `${where} `}${problem.code} ${problem.message}`;
}
