// The largest mapping result the engine accepts (DESIGN.md §5 "Isolation"), checked wherever an
// expression is evaluated — in an evaluation process and in-process alike — before the result is
// turned into JSON, so a result of hundreds of megabytes fails its message with PW-MEMORY instead of
// blocking the process in JSON.stringify.

/** Characters of JSON a mapping result may have. */
export const DEFAULT_MAX_RESULT_CHARS = 64 * 1024 * 1024;

/** A lower bound of a value's JSON length (string lengths and one character per other item), counted until it passes `limit`. */
export function leastJsonLength(value: unknown, limit: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= limit) {
    const item = stack.pop();
    if (typeof item === 'string') total += item.length + 2;
    else if (Array.isArray(item)) {
      total += item.length + 1;
      for (const element of item) stack.push(element);
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, field] of Object.entries(item)) {
        total += key.length + 4;
        stack.push(field);
      }
    } else total += 1;
  }
  return total;
}

/** The compiler is on unless PIPEWRIGHT_JSONATA_COMPILER=off (benchmarks compare both; a way out should it be wrong). */
export function jsonataCompilerEnabled(): boolean {
  return process.env.PIPEWRIGHT_JSONATA_COMPILER !== 'off';
}
