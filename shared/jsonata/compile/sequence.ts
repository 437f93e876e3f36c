// jsonata 2.x's sequence representation, shared by the compiler and the built-in functions so values
// cross between them unchanged: a sequence is an array with an own `sequence: true` property (JSON
// ignores it). `keepSingleton` marks a `[]`-suffixed path result that must stay an array of one.
export type JsonataSequence = unknown[] & { sequence: true; keepSingleton?: boolean };

export function createSequence(...items: unknown[]): JsonataSequence {
  const sequence = [] as unknown[] as JsonataSequence;
  sequence.sequence = true;
  sequence.push(...items);
  return sequence;
}

export function isSequence(value: unknown): value is JsonataSequence {
  return Array.isArray(value) && (value as Partial<JsonataSequence>).sequence === true;
}
