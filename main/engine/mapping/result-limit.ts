// The largest mapping result the engine accepts (DESIGN.md §5 "Isolation"), checked wherever an
// expression is evaluated — in an evaluation process and in-process alike — before the result is
// turned into JSON, so a result of hundreds of megabytes fails its message with PW-MEMORY instead of
// blocking the process in JSON.stringify.

/** Characters of JSON a mapping result may have. */
export const DEFAULT_MAX_RESULT_CHARS = 64 * 1024 * 1024;

/**
 * A lower bound of a value's JSON length (string lengths and one character per other item), counted until
 * it passes `limit`. Runs on every in-process mapping result, so it allocates nothing per object (a
 * `for…in` instead of `Object.entries`) and pushes only containers: scalars are counted where they are met.
 */
export function leastJsonLength(value: unknown, limit: number): number {
  if (typeof value !== 'object' || value === null) return scalarLength(value);
  let total = 0;
  const stack: object[] = [value];
  while (stack.length > 0 && total <= limit) {
    const item = stack.pop() as object;
    if (Array.isArray(item)) {
      total += item.length + 1;
      for (const element of item as unknown[]) {
        if (typeof element === 'object' && element !== null) stack.push(element);
        else total += scalarLength(element);
      }
    } else {
      const record = item as Record<string, unknown>;
      for (const key in record) {
        if (!Object.hasOwn(record, key)) continue;
        total += key.length + 4;
        const field = record[key];
        if (typeof field === 'object' && field !== null) stack.push(field);
        else total += scalarLength(field);
      }
    }
  }
  return total;
}

function scalarLength(value: unknown): number {
  return typeof value === 'string' ? value.length + 2 : 1;
}

/** The compiler is on unless PIPEWRIGHT_JSONATA_COMPILER=off (benchmarks compare both; a way out should it be wrong). */
export function jsonataCompilerEnabled(): boolean {
  return process.env.PIPEWRIGHT_JSONATA_COMPILER !== 'off';
}
