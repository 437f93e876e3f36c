// The one "this flow cannot be used" error: code FLOW_INVALID, a message naming the file (or "the
// flow" for an unsaved document) and the number of problems, with every problem attached. Running,
// testing, exporting and saving a broken flow all fail through here, so the designer and the CLI
// show the same words and carry the same problem list.
import { PipewrightError, type Problem } from '../../shared/errors.js';

/**
 * `what`: the file label or "the flow"; `nextStep`: what the user should do ("fix it and run again").
 * The first problem is quoted in the message, for hosts that show only the message; the rest are in
 * `problems`, each with its own file, path and range.
 */
export function flowInvalidError(what: string, problems: Problem[], nextStep = 'fix it and try again'): PipewrightError {
  const [first] = problems;
  const where = first ? `${first.path ?? 'document'}: ${first.message}` : '';
  const summary = problems.length <= 1 ? `a problem${where ? ` (${where})` : ''}` : `${problems.length} problems (first: ${where})`;
  return new PipewrightError('FLOW_INVALID', `${what} has ${summary}; ${nextStep}`, { problems });
}
